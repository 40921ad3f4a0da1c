package io.heliograph.session.login;

import io.heliograph.platform.rpc.RpcException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /operator/login-codes/{phone}}: the latest login code of a phone, read from its home DC, for development
 * and tests (any DC's session-service answers). 200 {@code {"phone", "code", "phoneCodeHash", "homeDc", "sentAt",
 * "expiresAt", "attempts"}}, 404 {@code {"error": "CODE_NOT_FOUND"}}, 400 {@code {"error": "PHONE_NUMBER_INVALID"}}.
 * On while {@code heliograph.session.operator.login-codes} is true (the default); turn it off in production.
 */
@RestController
@ConditionalOnProperty(name = "heliograph.session.operator.login-codes", matchIfMissing = true)
class LoginCodeOperatorController {

    /** The JSON answer. */
    record CodeView(String phone, String code, String phoneCodeHash, int homeDc, String sentAt, String expiresAt,
            int attempts) {
    }

    record ErrorBody(String error, String message) {
    }

    private final LoginCodes codes;
    private final PhoneHomes homes;

    LoginCodeOperatorController(LoginCodes codes, PhoneHomes homes) {
        this.codes = codes;
        this.homes = homes;
    }

    @GetMapping("/operator/login-codes/{phone}")
    Mono<ResponseEntity<?>> latest(@PathVariable String phone) {
        String digits;
        try {
            digits = Phones.normalize(phone);
        } catch (RpcException e) {
            return Mono.just(ResponseEntity.badRequest().body(new ErrorBody("PHONE_NUMBER_INVALID",
                    "not a phone number")));
        }
        // the phone's home by its rules first; a new number its client's network homed elsewhere is in another DC
        return homes.homeOf(digits).flatMap(home -> reactor.core.publisher.Flux.concat(reactor.core.publisher.Flux.just(home),
                        reactor.core.publisher.Flux.fromIterable(homes.dcIds()).filter(dc -> dc != home))
                .concatMap(dc -> codes.latest(digits, dc).map(c -> java.util.Map.entry(dc, c))
                        .onErrorResume(e -> Mono.empty()))
                .next()
                .<ResponseEntity<?>>map(found -> {
                    var c = found.getValue();
                    return ResponseEntity.ok(new CodeView(c.phone(), c.code(), c.hash(), found.getKey(),
                            c.sentAt().toString(), c.expiresAt().toString(), c.attempts()));
                }))
                .defaultIfEmpty(ResponseEntity.status(404).body(new ErrorBody("CODE_NOT_FOUND",
                        "no login code was sent to +" + digits + " in the last hour")));
    }
}
