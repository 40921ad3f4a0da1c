package io.heliograph.events;

import java.util.Objects;

/**
 * An object for one session (or every session of an auth key when {@code sessionId} is 0) on the gateway instance
 * that holds it: an update or the answer to an RPC the gateway handed to Kafka, in TL bytes of the newest layer.
 *
 * @param rpcRequestMsgId the msg_id this answers, 0 for a pushed update
 * @param body TL bytes of the update or result; empty for an error
 * @param errorCode the {@code rpc_error} code when the RPC failed, 0 otherwise
 * @param errorMessage the {@code rpc_error} message when the RPC failed, null otherwise
 * @param channelId a channel post for every local online member session of this channel (then {@code userId} and
 *                  {@code authKeyId} are 0); null otherwise (added later: older records lack it)
 */
public record SessionDelivery(long userId, long authKeyId, long sessionId, long rpcRequestMsgId, byte[] body,
        int errorCode, String errorMessage, Long channelId) implements Event {

    public SessionDelivery {
        Objects.requireNonNull(body, "body");
    }

    /** An update, or a successful result. */
    public SessionDelivery(long userId, long authKeyId, long sessionId, long rpcRequestMsgId, byte[] body) {
        this(userId, authKeyId, sessionId, rpcRequestMsgId, body, 0, null, null);
    }

    /** An update, a result or an error for a session or key (no channel). */
    public SessionDelivery(long userId, long authKeyId, long sessionId, long rpcRequestMsgId, byte[] body,
            int errorCode, String errorMessage) {
        this(userId, authKeyId, sessionId, rpcRequestMsgId, body, errorCode, errorMessage, null);
    }

    /** A channel post for the receiving gateway's online member sessions of the channel. */
    public static SessionDelivery channelPost(long channelId, byte[] updates) {
        return new SessionDelivery(0, 0, 0, 0, updates, 0, null, channelId);
    }

    public boolean isError() {
        return errorMessage != null;
    }
}
