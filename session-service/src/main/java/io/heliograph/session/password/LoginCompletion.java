package io.heliograph.session.password;

import io.heliograph.events.UserId;
import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.tl.api.TAuthAuthorization;
import reactor.core.publisher.Mono;

/**
 * Finishes a login once {@code auth.checkPassword} has verified the password: implemented by login as a Spring bean,
 * it does what {@code auth.signIn} does for a user without a password after the code checked out: writes the
 * authorization and {@code auth_keys.user_id}, publishes {@code AuthorizationGranted}, calls
 * {@link RpcContext#authorize(UserId)} and answers {@code auth.authorization}. Until a bean exists,
 * {@code auth.checkPassword} answers {@code 500 INTERNAL} after a correct password (and keeps the waiting login, so
 * the client may try again).
 *
 * @see PendingPasswordLogins the other half of the contract
 */
@FunctionalInterface
public interface LoginCompletion {

    /**
     * Logs {@code ctx}'s permanent key in as {@code user}, whose password was just verified. Errors it signals
     * ({@code RpcException}s) reach the client as they are.
     */
    Mono<TAuthAuthorization> complete(RpcContext ctx, UserId user);
}
