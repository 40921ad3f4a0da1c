package io.heliograph.session.users;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.session.dcs.Dcs;
import io.heliograph.session.directory.Directory;
import io.heliograph.session.directory.UsernamePrefixes;
import io.heliograph.tl.api.AccountUpdateUsername;
import io.heliograph.tl.api.TUser;
import java.time.Clock;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code account.updateUsername}: sets the caller's username ("" removes it) and answers the updated self user. The
 * new name is claimed in {@code global.username_directory} first, then written to the user's row, then the old name
 * is released (only if still the caller's): a failure in between leaves a name reserved for the caller, which a retry
 * completes. The name is also indexed for prefix search ({@link UsernamePrefixes}; the old entry removed before the
 * old name is released). Errors: {@code USERNAME_INVALID}, {@code USERNAME_OCCUPIED}, {@code USERNAME_NOT_MODIFIED},
 * {@code 303 USER_MIGRATE_X}.
 *
 * @see <a href="https://core.telegram.org/method/account.updateUsername">account.updateUsername</a>
 */
@Component
class UpdateUsernameMethod implements RpcMethod<AccountUpdateUsername, TUser> {

    private final Dcs dcs;
    private final Directory directory;
    private final UserStore users;
    private final UsernamePrefixes prefixes;
    private final Clock clock;

    UpdateUsernameMethod(Dcs dcs, Directory directory, UserStore users, UsernamePrefixes prefixes, Clock clock) {
        this.dcs = dcs;
        this.directory = directory;
        this.users = users;
        this.prefixes = prefixes;
        this.clock = clock;
    }

    @Override
    public Class<AccountUpdateUsername> function() {
        return AccountUpdateUsername.class;
    }

    @Override
    public Mono<TUser> handle(AccountUpdateUsername call, RpcContext ctx) {
        String wanted = call.username() == null ? "" : call.username();
        if (!wanted.isEmpty() && !Usernames.valid(wanted)) {
            return Mono.error(RpcException.badRequest("USERNAME_INVALID"));
        }
        return dcs.requireHomeUser(ctx).flatMap(caller -> users.find(caller.value(), dcs.thisDc()).flatMap(u -> {
            String old = u.username() == null ? "" : u.username();
            if (old.equals(wanted)) {
                return Mono.error(RpcException.badRequest("USERNAME_NOT_MODIFIED"));
            }
            Mono<Boolean> claim = wanted.isEmpty() ? Mono.just(true)
                    : directory.claimUsername(Usernames.canonical(wanted), u.id(), dcs.thisDc());
            return claim.flatMap(claimed -> {
                if (!claimed) {
                    return Mono.error(RpcException.badRequest("USERNAME_OCCUPIED"));
                }
                Mono<Void> release = old.isEmpty() || Usernames.canonical(old).equals(Usernames.canonical(wanted))
                        ? Mono.empty() : directory.releaseUsername(Usernames.canonical(old), u.id());
                UserRecord updated = new UserRecord(u.id(), u.homeDc(), u.phone(), u.firstName(), u.lastName(),
                        wanted.isEmpty() ? null : wanted, u.about(), u.bot(), u.accessHashSecret(), u.botTokenSha256(),
                        u.createdAt());
                Mono<Void> index = wanted.isEmpty() ? Mono.empty()
                        : prefixes.add(Usernames.canonical(wanted), u.id(), dcs.thisDc());
                Mono<Void> unindex = old.isEmpty() || Usernames.canonical(old).equals(Usernames.canonical(wanted))
                        ? Mono.empty() : prefixes.remove(Usernames.canonical(old));
                return users.updateUsername(u.id(), updated.username())
                        .then(index)
                        .then(unindex)
                        .then(release)
                        .thenReturn((TUser) UserViews.of(updated, caller.value(), clock.instant()));
            });
        }));
    }
}
