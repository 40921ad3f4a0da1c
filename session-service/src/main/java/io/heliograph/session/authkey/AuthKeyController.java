package io.heliograph.session.authkey;

import io.heliograph.platform.rpc.AuthKeyRecord;
import io.heliograph.platform.rpc.ConnectionRecord;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * {@code /internal/auth-keys/{authKeyId}}: the gateways' view of the {@link AuthKeyRegistry}, JSON in and out. Errors
 * answer {@code {"error": RegistryError, "message": "..."}} with the error's status.
 */
@RestController
@RequestMapping("/internal/auth-keys/{authKeyId}")
class AuthKeyController {

    /** The JSON body of every refused call. */
    record ErrorBody(String error, String message) {
    }

    private final AuthKeyRegistry registry;

    AuthKeyController(AuthKeyRegistry registry) {
        this.registry = registry;
    }

    @PutMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> register(@PathVariable String authKeyId, @RequestBody(required = false) AuthKeyRecord record) {
        return registry.register(authKeyId, record);
    }

    @GetMapping
    Mono<AuthKeyRecord> find(@PathVariable String authKeyId) {
        return registry.find(authKeyId).switchIfEmpty(Mono.error(() -> RegistryError.AUTH_KEY_NOT_FOUND.exception(
                "auth key " + authKeyId + " is not registered (or has expired)")));
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String authKeyId) {
        return registry.delete(authKeyId);
    }

    @PutMapping("/connection")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> saveConnection(@PathVariable String authKeyId,
            @RequestBody(required = false) ConnectionRecord connection) {
        return registry.saveConnection(authKeyId, connection);
    }

    @GetMapping("/connection")
    Mono<ConnectionRecord> findConnection(@PathVariable String authKeyId) {
        return registry.findConnection(authKeyId);
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> refused(RegistryException e) {
        return ResponseEntity.status(e.error().status()).body(new ErrorBody(e.error().name(), e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> unreadable(ServerWebInputException e) {
        String reason = e.getReason() != null ? e.getReason() : "unreadable request";
        Throwable cause = e.getMostSpecificCause();
        String detail = cause != e && cause.getMessage() != null ? ": " + firstLine(cause.getMessage()) : "";
        return ResponseEntity.badRequest().body(new ErrorBody(RegistryError.BODY_INVALID.name(), reason + detail));
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
