package io.heliograph.events;

import java.util.Objects;

/**
 * A client RPC that changes a message box (send, edit, delete, read, join ...), addressed to the box owner's
 * partition. {@code request} is the TL-serialised method in the newest layer; the caller fields route the answer.
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

    public BoxCommand {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(request, "request");
    }
}
