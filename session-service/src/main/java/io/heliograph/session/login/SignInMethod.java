package io.heliograph.session.login;

import io.heliograph.events.UserId;
import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.session.authorizations.Authorizations;
import io.heliograph.session.password.PendingPasswordLogins;
import io.heliograph.session.users.UserStore;
import io.heliograph.session.users.UserViews;
import io.heliograph.tl.api.AuthAuthorization;
import io.heliograph.tl.api.AuthAuthorizationSignUpRequired;
import io.heliograph.tl.api.AuthSignIn;
import io.heliograph.tl.api.DataJSON;
import io.heliograph.tl.api.HelpTermsOfService;
import io.heliograph.tl.api.TAuthAuthorization;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code auth.signIn}: with the right code, logs the key in as the phone's user ({@code auth.authorization}; a key
 * already logged in is logged in again), or for a number without a user answers
 * {@code auth.authorizationSignUpRequired} with the terms of service and lets {@code auth.signUp} use the hash. Errors:
 * {@code PHONE_NUMBER_INVALID}, {@code PHONE_CODE_HASH_EMPTY}, {@code PHONE_CODE_EMPTY}, {@code PHONE_CODE_INVALID},
 * {@code PHONE_CODE_EXPIRED}, {@code 303 PHONE_MIGRATE_X}, {@code 401 AUTH_KEY_PERM_EMPTY}, and
 * {@code 401 SESSION_PASSWORD_NEEDED} for a user with two-step verification, whose login then waits for
 * {@code auth.checkPassword} (completed by {@link PasswordLoginCompletion}).
 *
 * @see <a href="https://core.telegram.org/method/auth.signIn">auth.signIn</a>
 */
@Component
class SignInMethod implements RpcMethod<AuthSignIn, TAuthAuthorization> {

    static final HelpTermsOfService TERMS = new HelpTermsOfService(false,
            new DataJSON("{\"id\":\"heliograph-tos-1\"}"),
            "Heliograph is a development server. Do not use it for anything you need to keep.", List.of(), null);

    private final PhoneHomes homes;
    private final LoginCodes codes;
    private final UserStore users;
    private final Authorizations authorizations;
    private final PendingPasswordLogins passwords;
    private final Clock clock;

    SignInMethod(PhoneHomes homes, LoginCodes codes, UserStore users, Authorizations authorizations,
            PendingPasswordLogins passwords, Clock clock) {
        this.homes = homes;
        this.codes = codes;
        this.users = users;
        this.authorizations = authorizations;
        this.passwords = passwords;
        this.clock = clock;
    }

    @Override
    public Class<AuthSignIn> function() {
        return AuthSignIn.class;
    }

    @Override
    public Mono<TAuthAuthorization> handle(AuthSignIn call, RpcContext ctx) {
        return Mono.defer(() -> {
            String phone = Phones.normalize(call.phoneNumber());
            return homes.requireHome(phone, ctx.clientIp()).flatMap(entry -> codes.check(phone, call.phoneCodeHash(), call.phoneCode())
                    .flatMap(code -> {
                        if (entry.isEmpty()) {
                            return codes.markVerified(code).thenReturn(new AuthAuthorizationSignUpRequired(TERMS));
                        }
                        long userId = entry.get().userId();
                        // a user with two-step verification logs in with auth.checkPassword after this
                        Mono<Void> passwordFirst = passwords.hasPassword(UserId.of(userId)).flatMap(has -> has
                                ? passwords.awaitPassword(ctx.permAuthKeyId(), UserId.of(userId))
                                        .then(Mono.error(RpcException.unauthorized("SESSION_PASSWORD_NEEDED")))
                                : Mono.empty());
                        return passwordFirst.then(users.find(userId, entry.get().homeDc()))
                                .switchIfEmpty(Mono.error(() -> new IllegalStateException("user " + userId
                                        + " of the phone directory has no users row")))
                                .flatMap(user -> authorizations.grant(userId, ctx, List.of(codes.consume(code)))
                                        .thenReturn(new AuthAuthorization(false, null, null, null,
                                                UserViews.of(user, userId, clock.instant()))));
                    }));
        });
    }
}
