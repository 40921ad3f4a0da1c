package io.heliograph.session.bots;

import io.heliograph.session.users.Accounts;
import io.heliograph.session.users.TextRules;
import io.heliograph.session.users.Usernames;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /operator/bots} {@code {"username": "...", "name": "..."}}: creates a bot user homed in this DC until
 * BotFather exists. 201 {@code {"userId", "username", "token"}} (the only time the token is shown); 400
 * {@code USERNAME_INVALID} (Telegram's username rules, ending in "bot"), {@code NAME_INVALID}, {@code BODY_INVALID};
 * 409 {@code USERNAME_OCCUPIED}. On while {@code heliograph.session.operator.bots} is true (the default).
 */
@RestController
@ConditionalOnProperty(name = "heliograph.session.operator.bots", matchIfMissing = true)
class BotOperatorController {

    record CreateBot(String username, String name) {
    }

    record CreatedBot(long userId, String username, String token) {
    }

    record ErrorBody(String error, String message) {
    }

    private final Accounts accounts;

    BotOperatorController(Accounts accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/operator/bots")
    Mono<ResponseEntity<?>> create(@RequestBody(required = false) CreateBot request) {
        if (request == null || request.username() == null) {
            return Mono.just(error(HttpStatus.BAD_REQUEST, "BODY_INVALID", "expected {\"username\": \"...\"}"));
        }
        if (!Usernames.validForBot(request.username())) {
            return Mono.just(error(HttpStatus.BAD_REQUEST, "USERNAME_INVALID", "5..32 of [a-zA-Z0-9_], starting with "
                    + "a letter, no trailing or double underscore, ending in 'bot'"));
        }
        String name = TextRules.clean(request.name() == null ? request.username() : request.name(),
                TextRules.MAX_NAME_LENGTH);
        if (name == null || name.isEmpty()) {
            return Mono.just(error(HttpStatus.BAD_REQUEST, "NAME_INVALID", "1..64 characters, no control characters"));
        }
        String secret = BotTokens.newSecret();
        return accounts.createBot(request.username(), name, BotTokens.sha256(secret))
                .<ResponseEntity<?>>map(bot -> ResponseEntity.status(HttpStatus.CREATED)
                        .body(new CreatedBot(bot.id(), bot.username(), bot.id() + ":" + secret)))
                .defaultIfEmpty(error(HttpStatus.CONFLICT, "USERNAME_OCCUPIED", "@" + request.username()
                        + " is taken"));
    }

    private static ResponseEntity<?> error(HttpStatus status, String error, String message) {
        return ResponseEntity.status(status).body(new ErrorBody(error, message));
    }
}
