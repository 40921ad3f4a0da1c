package io.heliograph.session.login;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.session.authorizations.Authorizations;
import io.heliograph.tl.api.AuthLogOut;
import io.heliograph.tl.api.AuthLoggedOut;
import io.heliograph.tl.api.TAuthLoggedOut;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code auth.logOut}: ends the caller's authorization on this DC (the key stays, without a user) and cuts its
 * sessions off on every gateway. {@code 401 AUTH_KEY_UNREGISTERED} before login.
 *
 * @see <a href="https://core.telegram.org/method/auth.logOut">auth.logOut</a>
 */
@Component
class LogOutMethod implements RpcMethod<AuthLogOut, TAuthLoggedOut> {

    private final Authorizations authorizations;

    LogOutMethod(Authorizations authorizations) {
        this.authorizations = authorizations;
    }

    @Override
    public Class<AuthLogOut> function() {
        return AuthLogOut.class;
    }

    @Override
    public Mono<TAuthLoggedOut> handle(AuthLogOut call, RpcContext ctx) {
        return Mono.defer(() -> {
            long user = ctx.requireUser().value();
            return authorizations.end(user, ctx.permAuthKeyId().value(), io.heliograph.events.AuthorizationReset.LOG_OUT)
                    .doOnSuccess(done -> ctx.logOut())
                    .thenReturn(new AuthLoggedOut(null));
        });
    }
}
