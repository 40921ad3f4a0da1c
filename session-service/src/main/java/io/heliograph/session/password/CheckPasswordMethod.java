package io.heliograph.session.password;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.tl.api.AuthCheckPassword;
import io.heliograph.tl.api.TAuthAuthorization;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code auth.checkPassword}: the second step of a login that {@code auth.signIn} stopped with
 * {@code SESSION_PASSWORD_NEEDED} (see {@link PendingPasswordLogins}). Without a waiting login on the caller's
 * permanent key it answers {@code 400 SRP_ID_INVALID} (there is no challenge to answer); a right password completes
 * the login through the {@link LoginCompletion} bean, or answers {@code 500 INTERNAL} while login provides none.
 *
 * @see <a href="https://core.telegram.org/method/auth.checkPassword">auth.checkPassword</a>
 */
@Component
class CheckPasswordMethod implements RpcMethod<AuthCheckPassword, TAuthAuthorization> {

    /** Stands in until login declares its {@link LoginCompletion}: a failure, so the endpoint answers 500 INTERNAL. */
    static final LoginCompletion NOT_AVAILABLE = (ctx, user) -> Mono.error(new IllegalStateException(
            "auth.checkPassword verified the password of user " + user.value()
                    + " but no LoginCompletion bean completes logins yet"));

    private final TwoStepPasswords passwords;
    private final ObjectProvider<LoginCompletion> completion;

    CheckPasswordMethod(TwoStepPasswords passwords, ObjectProvider<LoginCompletion> completion) {
        this.passwords = passwords;
        this.completion = completion;
    }

    @Override
    public Class<AuthCheckPassword> function() {
        return AuthCheckPassword.class;
    }

    @Override
    public Mono<TAuthAuthorization> handle(AuthCheckPassword call, RpcContext ctx) {
        return passwords.completeLogin(ctx, call.password(), completion.getIfAvailable(() -> NOT_AVAILABLE));
    }
}
