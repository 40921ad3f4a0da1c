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
 */
public record SessionDelivery(long userId, long authKeyId, long sessionId, long rpcRequestMsgId, byte[] body,
        int errorCode, String errorMessage) implements Event {

    public SessionDelivery {
        Objects.requireNonNull(body, "body");
    }

    /** An update, or a successful result. */
    public SessionDelivery(long userId, long authKeyId, long sessionId, long rpcRequestMsgId, byte[] body) {
        this(userId, authKeyId, sessionId, rpcRequestMsgId, body, 0, null);
    }

    public boolean isError() {
        return errorMessage != null;
    }
}
