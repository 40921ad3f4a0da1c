package io.heliograph.session.authorizations;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.session.dcs.Dcs;
import io.heliograph.tl.api.AuthResetAuthorizations;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code auth.resetAuthorizations}: ends every authorization of the caller but the current one.
 *
 * @see <a href="https://core.telegram.org/method/auth.resetAuthorizations">auth.resetAuthorizations</a>
 */
@Component
class ResetAuthorizationsMethod implements RpcMethod<AuthResetAuthorizations, Boolean> {

    private final Authorizations authorizations;
    private final Dcs dcs;

    ResetAuthorizationsMethod(Authorizations authorizations, Dcs dcs) {
        this.authorizations = authorizations;
        this.dcs = dcs;
    }

    @Override
    public Class<AuthResetAuthorizations> function() {
        return AuthResetAuthorizations.class;
    }

    @Override
    public Mono<Boolean> handle(AuthResetAuthorizations call, RpcContext ctx) {
        long current = ctx.permAuthKeyId().value();
        return dcs.requireHomeUser(ctx).flatMap(user -> authorizations.list(user.value())
                .filter(a -> a.authKeyId() != current)
                .concatMap(a -> authorizations.end(user.value(), a.authKeyId(), "auth.resetAuthorizations"))
                .then())
                .thenReturn(true);
    }
}
