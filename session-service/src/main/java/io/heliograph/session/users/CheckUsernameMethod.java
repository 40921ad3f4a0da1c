package io.heliograph.session.users;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.session.dcs.Dcs;
import io.heliograph.session.directory.Directory;
import io.heliograph.tl.api.AccountCheckUsername;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code account.checkUsername}: true when the caller may take the username (free, or already the caller's), false
 * when another user has it. {@code USERNAME_INVALID} when it breaks the rules of {@link Usernames}.
 *
 * @see <a href="https://core.telegram.org/method/account.checkUsername">account.checkUsername</a>
 */
@Component
class CheckUsernameMethod implements RpcMethod<AccountCheckUsername, Boolean> {

    private final Dcs dcs;
    private final Directory directory;

    CheckUsernameMethod(Dcs dcs, Directory directory) {
        this.dcs = dcs;
        this.directory = directory;
    }

    @Override
    public Class<AccountCheckUsername> function() {
        return AccountCheckUsername.class;
    }

    @Override
    public Mono<Boolean> handle(AccountCheckUsername call, RpcContext ctx) {
        if (!Usernames.valid(call.username())) {
            return Mono.error(RpcException.badRequest("USERNAME_INVALID"));
        }
        return dcs.requireHomeUser(ctx).flatMap(caller -> directory.findUsername(Usernames.canonical(call.username()))
                .map(owner -> owner.isEmpty() || owner.get().userId() == caller.value()));
    }
}
