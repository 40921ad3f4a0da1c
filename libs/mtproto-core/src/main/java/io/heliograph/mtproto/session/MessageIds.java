package io.heliograph.mtproto.session;

import java.time.Clock;

/**
 * Server message ids: about unixtime * 2^32, strictly increasing, 1 mod 4 for answers to client messages and 3 mod 4
 * for messages the server sends on its own.
 *
 * @see <a href="https://core.telegram.org/mtproto/description#message-identifier-msg-id">Message identifier</a>
 */
public final class MessageIds {

    private final Clock clock;
    private long last;

    public MessageIds(Clock clock) {
        this.clock = clock;
    }

    public synchronized long next(boolean response) {
        long millis = clock.millis();
        long id = ((millis / 1000) << 32) | (((millis % 1000) << 22) & 0xfffffffcL);
        if (id <= last) {
            id = (last & ~3L) + 4;
        }
        id = (id & ~3L) | (response ? 1 : 3);
        last = id;
        return id;
    }

    /** Seconds since the epoch that a message id claims. */
    public static long seconds(long msgId) {
        return msgId >>> 32;
    }
}
