package io.heliograph.session.login;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/** The development {@link CodeSender}: logs the code (never use it where real people log in). */
public final class LoggingCodeSender implements CodeSender {

    private static final Logger log = LoggerFactory.getLogger(LoggingCodeSender.class);

    @Override
    public Mono<Void> send(String phone, String code, boolean existingUser) {
        return Mono.fromRunnable(() -> log.info("login code for +{}: {} ({} user)", phone, code,
                existingUser ? "existing" : "new"));
    }
}
