package io.heliograph.events;

/**
 * A channel's or supergroup's id: the owner of one message box with its own ids and pts. Channel ids lie in
 * [{@link #MIN}, {@link #MAX}), disjoint from user ids (from 2^32), so a box owner id alone says which kind of box it
 * is; and below the ~9.97e11 that mtcute accepts for a channel.
 */
public record ChannelId(long value) {

    /** The smallest channel id, 2^20. */
    public static final long MIN = 1L << 20;
    /** One above the largest channel id, 2^31. */
    public static final long MAX = 1L << 31;

    /** Whether a box owner id names a channel (else a user). */
    public static boolean isChannel(long id) {
        return id >= MIN && id < MAX;
    }

    public ChannelId {
        if (value <= 0) {
            throw new IllegalArgumentException("channel id must be positive, got " + value);
        }
    }

    public static ChannelId of(long value) {
        return new ChannelId(value);
    }
}
