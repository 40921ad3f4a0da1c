package io.heliograph.session.password;

import io.heliograph.events.UserId;
import io.heliograph.platform.rpc.AuthKeyId;
import reactor.core.publisher.Mono;

/**
 * What login ({@code auth.signIn}, {@code auth.signUp} never needs it) uses of two-step verification. The contract:
 * <ol>
 *   <li>after the phone code checked out for an existing user, {@code signIn} asks {@link #hasPassword}; when true it
 *       must not log the key in, but call {@link #awaitPassword} with {@code ctx.permAuthKeyId()} and that user, and
 *       then fail with {@code 401 SESSION_PASSWORD_NEEDED};</li>
 *   <li>the client then calls {@code account.getPassword} (still not logged in: it is answered for the user waiting on
 *       its permanent key) and {@code auth.checkPassword}, which verifies the SRP proof and hands the login back to
 *       login through {@link LoginCompletion}, then forgets the waiting login.</li>
 * </ol>
 * Implemented by {@link TwoStepPasswords}; waiting logins live {@code heliograph.session.password.pending-login-ttl}.
 */
public interface PendingPasswordLogins {

    /** Whether {@code user} has a 2FA password set. */
    Mono<Boolean> hasPassword(UserId user);

    /**
     * Records that the login of {@code permKey} as {@code user} waits for {@code auth.checkPassword}; a later call for
     * the same key replaces it.
     *
     * @param permKey the caller's permanent auth key ({@code RpcContext.permAuthKeyId()}), not {@link AuthKeyId#NONE}
     */
    Mono<Void> awaitPassword(AuthKeyId permKey, UserId user);
}
