package io.heliograph.session.login;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.session.authorizations.Authorizations;
import io.heliograph.session.users.Accounts;
import io.heliograph.session.users.TextRules;
import io.heliograph.session.users.UserViews;
import io.heliograph.tl.api.AuthAuthorization;
import io.heliograph.tl.api.AuthSignUp;
import io.heliograph.tl.api.TAuthAuthorization;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code auth.signUp}: creates the user of a number whose code was verified by {@code auth.signIn}, homed in this
 * DC, and logs the key in. Errors: {@code FIRSTNAME_INVALID}, {@code LASTNAME_INVALID} (empty first name, more than
 * 64 characters, control or bidi-override characters), {@code PHONE_NUMBER_INVALID}, {@code PHONE_CODE_HASH_EMPTY},
 * {@code PHONE_CODE_EXPIRED}, {@code PHONE_CODE_INVALID} (the code was not verified), {@code PHONE_NUMBER_OCCUPIED},
 * {@code 303 PHONE_MIGRATE_X}.
 *
 * @see <a href="https://core.telegram.org/method/auth.signUp">auth.signUp</a>
 */
@Component
class SignUpMethod implements RpcMethod<AuthSignUp, TAuthAuthorization> {

    private final PhoneHomes homes;
    private final LoginCodes codes;
    private final Accounts accounts;
    private final Authorizations authorizations;
    private final Clock clock;

    SignUpMethod(PhoneHomes homes, LoginCodes codes, Accounts accounts, Authorizations authorizations, Clock clock) {
        this.homes = homes;
        this.codes = codes;
        this.accounts = accounts;
        this.authorizations = authorizations;
        this.clock = clock;
    }

    @Override
    public Class<AuthSignUp> function() {
        return AuthSignUp.class;
    }

    @Override
    public Mono<TAuthAuthorization> handle(AuthSignUp call, RpcContext ctx) {
        return Mono.defer(() -> {
            String phone = Phones.normalize(call.phoneNumber());
            String first = TextRules.clean(call.firstName(), TextRules.MAX_NAME_LENGTH);
            if (first == null || first.isEmpty()) {
                return Mono.error(RpcException.badRequest("FIRSTNAME_INVALID"));
            }
            String last = TextRules.clean(call.lastName() == null ? "" : call.lastName(), TextRules.MAX_NAME_LENGTH);
            if (last == null) {
                return Mono.error(RpcException.badRequest("LASTNAME_INVALID"));
            }
            return homes.requireHome(phone, ctx.clientIp()).flatMap(entry -> {
                if (entry.isPresent()) {
                    return Mono.error(RpcException.badRequest("PHONE_NUMBER_OCCUPIED"));
                }
                return codes.requireVerified(phone, call.phoneCodeHash())
                        .flatMap(code -> accounts.createPerson(phone, first, last)
                                .switchIfEmpty(Mono.error(() -> RpcException.badRequest("PHONE_NUMBER_OCCUPIED")))
                                .flatMap(user -> authorizations.grant(user.id(), ctx, List.of(codes.consume(code)))
                                        .thenReturn((TAuthAuthorization) new AuthAuthorization(false, null, null, null,
                                                UserViews.of(user, user.id(), clock.instant())))));
            });
        });
    }
}
