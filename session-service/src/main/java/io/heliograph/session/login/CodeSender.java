package io.heliograph.session.login;

import reactor.core.publisher.Mono;

/**
 * Delivers a login code to the owner of a phone (SMS, an app message, ...). The dev default,
 * {@link LoggingCodeSender}, only logs it; the code is also readable at {@code GET /operator/login-codes/{phone}}
 * while that endpoint is on. Declare another bean to replace it.
 */
public interface CodeSender {

    /** Sends {@code code} to {@code phone} (digits only); {@code existingUser} when the phone has an account. */
    Mono<Void> send(String phone, String code, boolean existingUser);
}
