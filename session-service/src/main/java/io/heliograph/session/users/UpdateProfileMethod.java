package io.heliograph.session.users;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.session.dcs.Dcs;
import io.heliograph.tl.api.AccountUpdateProfile;
import io.heliograph.tl.api.TUser;
import java.time.Clock;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code account.updateProfile}: changes the fields given (absent flags keep the old value) and answers the updated
 * self user. Errors: {@code FIRSTNAME_INVALID} (empty, over 64 characters, control or bidi-override characters),
 * {@code LASTNAME_INVALID}, {@code ABOUT_TOO_LONG} (over 70 characters; forbidden characters too),
 * {@code 303 USER_MIGRATE_X}.
 *
 * @see <a href="https://core.telegram.org/method/account.updateProfile">account.updateProfile</a>
 */
@Component
class UpdateProfileMethod implements RpcMethod<AccountUpdateProfile, TUser> {

    private final Dcs dcs;
    private final UserStore users;
    private final Clock clock;

    UpdateProfileMethod(Dcs dcs, UserStore users, Clock clock) {
        this.dcs = dcs;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public Class<AccountUpdateProfile> function() {
        return AccountUpdateProfile.class;
    }

    @Override
    public Mono<TUser> handle(AccountUpdateProfile call, RpcContext ctx) {
        return Mono.defer(() -> {
            String first = call.firstName() == null ? null : TextRules.clean(call.firstName(), TextRules.MAX_NAME_LENGTH);
            if (call.firstName() != null && (first == null || first.isEmpty())) {
                return Mono.error(RpcException.badRequest("FIRSTNAME_INVALID"));
            }
            String last = call.lastName() == null ? null : TextRules.clean(call.lastName(), TextRules.MAX_NAME_LENGTH);
            if (call.lastName() != null && last == null) {
                return Mono.error(RpcException.badRequest("LASTNAME_INVALID"));
            }
            String about = call.about() == null ? null : TextRules.clean(call.about(), TextRules.MAX_ABOUT_LENGTH);
            if (call.about() != null && about == null) {
                return Mono.error(RpcException.badRequest("ABOUT_TOO_LONG"));
            }
            return dcs.requireHomeUser(ctx).flatMap(caller -> users.find(caller.value(), dcs.thisDc()).flatMap(u -> {
                UserRecord updated = new UserRecord(u.id(), u.homeDc(), u.phone(), first != null ? first : u.firstName(),
                        last != null ? last : u.lastName(), u.username(), about != null ? about : u.about(), u.bot(),
                        u.accessHashSecret(), u.botTokenSha256(), u.createdAt());
                return users.updateProfile(u.id(), updated.firstName(), updated.lastName(), updated.about())
                        .thenReturn((TUser) UserViews.of(updated, caller.value(), clock.instant()));
            }));
        });
    }
}
