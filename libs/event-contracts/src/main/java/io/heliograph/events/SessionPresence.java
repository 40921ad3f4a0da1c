package io.heliograph.events;

import java.util.Objects;

/** A session came online on a gateway instance, or went away (compacted: the last state per session wins). */
public record SessionPresence(long userId, long authKeyId, long sessionId, String gatewayInstance, boolean online)
        implements Event {

    public SessionPresence {
        Objects.requireNonNull(gatewayInstance, "gatewayInstance");
    }
}
