package io.heliograph.events;

import java.util.Objects;

/**
 * A client RPC that changes a message box (send, edit, delete, read, join ...), addressed to the box owner's
 * partition. {@code request} is the TL-serialised method in the newest layer; the caller fields route the answer,
 * a {@link SessionDelivery} with {@code rpcRequestMsgId} on the caller's gateway instance's deliveries topic. The
 * gateway sends the methods of {@link #METHODS} this way; every other method is request/response over HTTP.
 *
 * @param commandId unique per command (idempotency across redelivery)
 * @param boxOwnerId user id or channel id owning the box (the record key)
 * @param callerUserId the user who made the call
 * @param callerAuthKeyId the caller's auth key (device)
 * @param callerSessionId the caller's MTProto session
 * @param requestMsgId the client's msg_id, answered by rpc_result
 * @param gatewayInstance the gateway instance that holds the caller's connection
 * @param request TL bytes of the method call (newest layer)
 */
public record BoxCommand(String commandId, long boxOwnerId, long callerUserId, long callerAuthKeyId,
        long callerSessionId, long requestMsgId, String gatewayInstance, byte[] request) implements Event {

    /** The API methods that travel as box commands. */
    public static final java.util.Set<String> METHODS = java.util.Set.of("messages.sendMessage",
            "messages.editMessage", "messages.deleteMessages", "messages.readHistory", "messages.forwardMessages",
            "messages.createChat", "messages.addChatUser", "messages.deleteChatUser",
            "channels.createChannel", "channels.joinChannel", "channels.leaveChannel", "channels.inviteToChannel",
            "channels.editAdmin", "channels.deleteMessages", "channels.readHistory");

    /**
     * The channel commands: addressed to the channel's box ({@code boxOwnerId} is the channel id, chosen by the
     * gateway for {@code channels.createChannel}), not the caller's.
     */
    public static final java.util.Set<String> CHANNEL_METHODS = java.util.Set.of("channels.createChannel",
            "channels.joinChannel", "channels.leaveChannel", "channels.inviteToChannel", "channels.editAdmin",
            "channels.deleteMessages", "channels.readHistory");

    public BoxCommand {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(request, "request");
    }
}
