package io.heliograph.session.authorizations;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.session.dcs.Dcs;
import io.heliograph.tl.api.AccountResetAuthorization;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code account.resetAuthorization(hash)}: ends one of the caller's authorizations ({@code 400 HASH_INVALID} when
 * none has that hash). The caller's own may be ended this way too (freshness is not tracked), which logs the key out.
 *
 * @see <a href="https://core.telegram.org/method/account.resetAuthorization">account.resetAuthorization</a>
 */
@Component
class ResetAuthorizationMethod implements RpcMethod<AccountResetAuthorization, Boolean> {

    private final Authorizations authorizations;
    private final Dcs dcs;

    ResetAuthorizationMethod(Authorizations authorizations, Dcs dcs) {
        this.authorizations = authorizations;
        this.dcs = dcs;
    }

    @Override
    public Class<AccountResetAuthorization> function() {
        return AccountResetAuthorization.class;
    }

    @Override
    public Mono<Boolean> handle(AccountResetAuthorization call, RpcContext ctx) {
        return dcs.requireHomeUser(ctx).flatMap(user -> authorizations.list(user.value())
                .filter(a -> a.hash() == call.hash() && call.hash() != 0)
                .next()
                .switchIfEmpty(Mono.error(() -> RpcException.badRequest("HASH_INVALID")))
                .flatMap(a -> authorizations.end(user.value(), a.authKeyId(), "account.resetAuthorization")
                        .doOnSuccess(done -> {
                            if (a.authKeyId() == ctx.permAuthKeyId().value()) {
                                ctx.logOut();
                            }
                        })))
                .thenReturn(true);
    }
}
