package io.heliograph.events;

/** A channel's or supergroup's id: the owner of one message box with its own ids and pts. */
public record ChannelId(long value) {

    public ChannelId {
        if (value <= 0) {
            throw new IllegalArgumentException("channel id must be positive, got " + value);
        }
    }

    public static ChannelId of(long value) {
        return new ChannelId(value);
    }
}
