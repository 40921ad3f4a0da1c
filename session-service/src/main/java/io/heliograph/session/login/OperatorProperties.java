package io.heliograph.session.login;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Operator endpoints of session-service ({@code heliograph.session.operator}), plain HTTP on the service port, never
 * exposed to clients: {@code GET /operator/login-codes/{phone}} (the latest login code of a phone; development and
 * tests, turn off in production) and {@code POST /operator/bots} (create a bot until BotFather exists).
 */
@ConfigurationProperties("heliograph.session.operator")
public record OperatorProperties(
        @DefaultValue("true") boolean loginCodes,
        @DefaultValue("true") boolean bots) {
}
