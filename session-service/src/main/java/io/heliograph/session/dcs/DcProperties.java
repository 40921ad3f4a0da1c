package io.heliograph.session.dcs;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The platform's DCs as session-service sees them ({@code heliograph.session.dcs}): their ids, the phone-prefix
 * rules that choose a new user's home DC (on top of {@link HomeDcRules#DEFAULT_PREFIXES}; longest prefix wins), whether
 * Telegram's test numbers {@code 99966XYYYY} are homed in DC X, the client networks (CIDR → DC, longest match wins)
 * whose new numbers belong to a DC when no configured prefix names one ({@code NETWORK_MIGRATE_X}), and how long an
 * exported authorization is valid.
 */
@Validated
@ConfigurationProperties("heliograph.session.dcs")
public record DcProperties(
        @NotEmpty @DefaultValue({"1", "2", "3", "4", "5"}) List<Integer> ids,
        @NotNull @DefaultValue Map<String, Integer> phonePrefixes,
        @DefaultValue("true") boolean testNumbers,
        @NotNull @DefaultValue Map<String, Integer> networks,
        @NotNull @DefaultValue("5m") Duration exportedAuthorizationLifetime) {
}
