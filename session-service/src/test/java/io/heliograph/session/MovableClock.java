package io.heliograph.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** A clock tests move forward (codes expiring, presence going stale); {@link Config} makes it the service's clock. */
public final class MovableClock extends Clock {

    public volatile Duration offset = Duration.ZERO;

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    /** Import into a test to give the service this clock. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {
        @Bean
        MovableClock clock() {
            return new MovableClock();
        }
    }
}
