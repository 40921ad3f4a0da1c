package io.heliograph.gateway.rpc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.heliograph.gateway.GatewayProperties;
import java.time.Clock;
import java.time.Duration;

/**
 * Token buckets per caller (user, or auth key before login) and method: a call that finds its bucket empty is refused
 * with {@code 420 FLOOD_WAIT_X}, X being the seconds until a token is back.
 *
 * @see <a href="https://core.telegram.org/api/errors#420-flood">420 FLOOD</a>
 */
public final class FloodLimiter {

    private record Subject(long caller, String method) {
    }

    private static final class Bucket {
        private double tokens;
        private long updatedNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }
    }

    private final GatewayProperties.Flood config;
    private final Clock clock;
    private final Cache<Subject, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(1_000_000).build();

    public FloodLimiter(GatewayProperties.Flood config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Takes a token; returns 0 when the call may go on, else the whole seconds to wait (at least 1). */
    public int acquire(long caller, String method) {
        GatewayProperties.Rate override = config.methods().get(method);
        double rate = override != null ? override.perSecond() : config.perSecond();
        int burst = override != null ? override.burst() : config.burst();
        long now = clock.millis() * 1_000_000L;
        Bucket b = buckets.get(new Subject(caller, method), k -> new Bucket(burst, now));
        synchronized (b) {
            double refill = (now - b.updatedNanos) / 1e9 * rate;
            b.tokens = Math.min(burst, b.tokens + refill);
            b.updatedNanos = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            if (rate <= 0) {
                return 86_400;
            }
            return (int) Math.max(1, Math.ceil((1 - b.tokens) / rate));
        }
    }
}
