package io.heliograph.session.password;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.tl.api.AccountGetPassword;
import io.heliograph.tl.api.TAccountPassword;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code account.getPassword}: for the logged-in user, or for the user a login of the caller's permanent key waits for
 * (after {@code SESSION_PASSWORD_NEEDED}); {@code 401 AUTH_KEY_UNREGISTERED} otherwise.
 *
 * @see <a href="https://core.telegram.org/method/account.getPassword">account.getPassword</a>
 */
@Component
class GetPasswordMethod implements RpcMethod<AccountGetPassword, TAccountPassword> {

    private final TwoStepPasswords passwords;

    GetPasswordMethod(TwoStepPasswords passwords) {
        this.passwords = passwords;
    }

    @Override
    public Class<AccountGetPassword> function() {
        return AccountGetPassword.class;
    }

    @Override
    public Mono<TAccountPassword> handle(AccountGetPassword call, RpcContext ctx) {
        return passwords.passwordOwner(ctx).flatMap(passwords::describe);
    }
}
