package io.heliograph.events;

import java.util.Objects;

/** A channel update (post, edit, delete) in channel pts order, fanned out once per interested gateway. */
public record ChannelPost(long channelId, int pts, int ptsCount, byte[] updates) implements Event {

    public ChannelPost {
        Objects.requireNonNull(updates, "updates");
    }
}
