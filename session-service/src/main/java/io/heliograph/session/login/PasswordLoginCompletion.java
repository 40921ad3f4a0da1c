package io.heliograph.session.login;

import io.heliograph.events.UserId;
import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.session.authorizations.Authorizations;
import io.heliograph.session.password.LoginCompletion;
import io.heliograph.session.users.UserStore;
import io.heliograph.session.users.UserViews;
import io.heliograph.tl.api.AuthAuthorization;
import io.heliograph.tl.api.TAuthAuthorization;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Finishes a login that {@code auth.signIn} left waiting for the password, once {@code auth.checkPassword} verified
 * it: the same authorization as a sign-in without a password.
 */
@Component
class PasswordLoginCompletion implements LoginCompletion {

    private final UserStore users;
    private final Authorizations authorizations;
    private final Clock clock;

    PasswordLoginCompletion(UserStore users, Authorizations authorizations, Clock clock) {
        this.users = users;
        this.authorizations = authorizations;
        this.clock = clock;
    }

    @Override
    public Mono<TAuthAuthorization> complete(RpcContext ctx, UserId user) {
        long userId = user.value();
        return users.find(userId)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("user " + userId + " has no users row")))
                .flatMap(record -> authorizations.grant(userId, ctx, List.of())
                        .thenReturn(new AuthAuthorization(false, null, null, null,
                                UserViews.of(record, userId, clock.instant()))));
    }
}
