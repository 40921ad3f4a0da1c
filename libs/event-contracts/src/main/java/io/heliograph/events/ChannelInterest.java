package io.heliograph.events;

import java.util.Objects;

/** A gateway instance has (or no longer has) at least one online member session of a channel. */
public record ChannelInterest(long channelId, String gatewayInstance, boolean interested) implements Event {

    public ChannelInterest {
        Objects.requireNonNull(gatewayInstance, "gatewayInstance");
    }
}
