package io.heliograph.session.password;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Two-step verification ({@code heliograph.session.password.*}).
 *
 * @param challengeTtl how long an {@code srp_id} / {@code srp_B} of {@code account.getPassword} can be answered
 * @param pendingLoginTtl how long a login stopped by {@code SESSION_PASSWORD_NEEDED} waits for {@code auth.checkPassword}
 * @param maxFailures wrong passwords per user within {@code failureWindow} before {@code 420 FLOOD_WAIT_X}
 * @param failureWindow how long a wrong password counts
 */
@ConfigurationProperties("heliograph.session.password")
public record PasswordProperties(
        @DefaultValue("10m") Duration challengeTtl,
        @DefaultValue("1h") Duration pendingLoginTtl,
        @DefaultValue("5") int maxFailures,
        @DefaultValue("10m") Duration failureWindow) {

    public PasswordProperties {
        requireSeconds("challenge-ttl", challengeTtl);
        requireSeconds("pending-login-ttl", pendingLoginTtl);
        requireSeconds("failure-window", failureWindow);
        if (maxFailures < 1 || maxFailures > 100) {
            throw new IllegalArgumentException("heliograph.session.password.max-failures must be within 1..100, got "
                    + maxFailures);
        }
    }

    private static void requireSeconds(String name, Duration d) {
        if (d.compareTo(Duration.ofSeconds(10)) < 0 || d.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("heliograph.session.password." + name + " must be within 10s..7d, got " + d);
        }
    }
}
