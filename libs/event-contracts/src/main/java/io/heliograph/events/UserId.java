package io.heliograph.events;

/** A user's id (bots are users). Positive, as in the Telegram API. */
public record UserId(long value) {

    public UserId {
        if (value <= 0) {
            throw new IllegalArgumentException("user id must be positive, got " + value);
        }
    }

    public static UserId of(long value) {
        return new UserId(value);
    }
}
