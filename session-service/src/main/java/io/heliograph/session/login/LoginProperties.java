package io.heliograph.session.login;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Login codes ({@code heliograph.session.login}): a code is valid for {@code codeLifetime}; its row is kept for
 * {@code codeRetention} so a late attempt is told "expired", not "invalid"; {@code maxAttempts} wrong codes kill it;
 * a phone gets at most {@code codesPerHour} codes in any hour ({@code 420 FLOOD_WAIT_X} beyond).
 */
@Validated
@ConfigurationProperties("heliograph.session.login")
public record LoginProperties(
        @NotNull @DefaultValue("5m") Duration codeLifetime,
        @NotNull @DefaultValue("1h") Duration codeRetention,
        @Min(1) @Max(100) @DefaultValue("5") int maxAttempts,
        @Min(1) @Max(1000) @DefaultValue("5") int codesPerHour) {

    public LoginProperties {
        if (codeLifetime != null && codeRetention != null && codeRetention.compareTo(codeLifetime) < 0) {
            throw new IllegalArgumentException("heliograph.session.login.code-retention must not be shorter than "
                    + "code-lifetime");
        }
    }
}
