package io.heliograph.session.password;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.session.dcs.Dcs;
import io.heliograph.tl.api.AccountUpdatePasswordSettings;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code account.updatePasswordSettings}: sets, changes or removes the logged-in user's password (see
 * {@link NewPasswordSettings} for the rules), after checking the current one ({@code inputCheckPasswordEmpty} when
 * none is set); {@code 303 USER_MIGRATE_X} off the user's home DC, where the password is kept.
 *
 * @see <a href="https://core.telegram.org/method/account.updatePasswordSettings">account.updatePasswordSettings</a>
 */
@Component
class UpdatePasswordSettingsMethod implements RpcMethod<AccountUpdatePasswordSettings, Boolean> {

    private final TwoStepPasswords passwords;
    private final Dcs dcs;

    UpdatePasswordSettingsMethod(TwoStepPasswords passwords, Dcs dcs) {
        this.passwords = passwords;
        this.dcs = dcs;
    }

    @Override
    public Class<AccountUpdatePasswordSettings> function() {
        return AccountUpdatePasswordSettings.class;
    }

    @Override
    public Mono<Boolean> handle(AccountUpdatePasswordSettings call, RpcContext ctx) {
        return dcs.requireHomeUser(ctx).flatMap(user -> passwords.update(user, call.password(), call.newSettings()));
    }
}
