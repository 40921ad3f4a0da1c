package io.heliograph.session.password;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.tl.api.AccountUpdatePasswordSettings;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code account.updatePasswordSettings}: sets, changes or removes the logged-in user's password (see
 * {@link NewPasswordSettings} for the rules), after checking the current one ({@code inputCheckPasswordEmpty} when
 * none is set).
 *
 * @see <a href="https://core.telegram.org/method/account.updatePasswordSettings">account.updatePasswordSettings</a>
 */
@Component
class UpdatePasswordSettingsMethod implements RpcMethod<AccountUpdatePasswordSettings, Boolean> {

    private final TwoStepPasswords passwords;

    UpdatePasswordSettingsMethod(TwoStepPasswords passwords) {
        this.passwords = passwords;
    }

    @Override
    public Class<AccountUpdatePasswordSettings> function() {
        return AccountUpdatePasswordSettings.class;
    }

    @Override
    public Mono<Boolean> handle(AccountUpdatePasswordSettings call, RpcContext ctx) {
        return passwords.requireHomeUser(ctx).flatMap(user -> passwords.update(user, call.password(), call.newSettings()));
    }
}
