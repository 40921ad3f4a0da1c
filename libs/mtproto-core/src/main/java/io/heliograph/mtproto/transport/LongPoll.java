package io.heliograph.mtproto.transport;

/**
 * Written by the session when the client sent {@code http_wait}: on the HTTP transport the waiting request is held up
 * to {@code maxWaitMillis} for an answer; other transports never see it.
 *
 * @see <a href="https://core.telegram.org/mtproto/service_messages#long-poll">Long poll</a>
 */
public record LongPoll(int maxWaitMillis) {

    public LongPoll {
        if (maxWaitMillis < 0) {
            throw new IllegalArgumentException("maxWaitMillis must not be negative");
        }
    }
}
