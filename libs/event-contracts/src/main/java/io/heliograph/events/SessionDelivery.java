package io.heliograph.events;

import java.util.Objects;

/**
 * An object for one session (or every session of an auth key when {@code sessionId} is 0) on the gateway instance
 * that holds it: an update or an RPC result, in TL bytes of the newest layer.
 *
 * @param rpcRequestMsgId the msg_id this answers, 0 for a pushed update
 */
public record SessionDelivery(long userId, long authKeyId, long sessionId, long rpcRequestMsgId, byte[] body)
        implements Event {

    public SessionDelivery {
        Objects.requireNonNull(body, "body");
    }
}
