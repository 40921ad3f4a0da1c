package io.heliograph.session.authorizations;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.session.dcs.Dcs;
import io.heliograph.tl.api.AccountAuthorizations;
import io.heliograph.tl.api.AccountGetAuthorizations;
import io.heliograph.tl.api.Authorization;
import io.heliograph.tl.api.TAccountAuthorizations;
import io.heliograph.tl.api.TAuthorization;
import java.util.Comparator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code account.getAuthorizations}: the caller's device logins, the caller's own first and flagged {@code current}.
 *
 * @see <a href="https://core.telegram.org/method/account.getAuthorizations">account.getAuthorizations</a>
 */
@Component
class GetAuthorizationsMethod implements RpcMethod<AccountGetAuthorizations, TAccountAuthorizations> {

    /** What the answer says about inactive authorizations (not enforced yet). */
    static final int AUTHORIZATION_TTL_DAYS = 180;

    private final Authorizations authorizations;
    private final Dcs dcs;

    GetAuthorizationsMethod(Authorizations authorizations, Dcs dcs) {
        this.authorizations = authorizations;
        this.dcs = dcs;
    }

    @Override
    public Class<AccountGetAuthorizations> function() {
        return AccountGetAuthorizations.class;
    }

    @Override
    public Mono<TAccountAuthorizations> handle(AccountGetAuthorizations call, RpcContext ctx) {
        long current = ctx.permAuthKeyId().value();
        return dcs.requireHomeUser(ctx)
                .flatMapMany(user -> authorizations.list(user.value()))
                .sort(Comparator.comparing((StoredAuthorization a) -> a.authKeyId() != current)
                        .thenComparing(StoredAuthorization::activeAt, Comparator.reverseOrder()))
                .map(a -> (TAuthorization) view(a, a.authKeyId() == current))
                .collectList()
                .map(list -> new AccountAuthorizations(AUTHORIZATION_TTL_DAYS, list));
    }

    static Authorization view(StoredAuthorization a, boolean current) {
        return new Authorization(current, false, false, false, false, false, a.hash(), nonNull(a.deviceModel()),
                "", nonNull(a.systemVersion()), a.apiId(), nonNull(a.appName()), nonNull(a.appVersion()),
                (int) a.createdAt().getEpochSecond(), (int) a.activeAt().getEpochSecond(), nonNull(a.ip()), "", "");
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
