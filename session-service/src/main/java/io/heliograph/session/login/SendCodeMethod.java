package io.heliograph.session.login;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.tl.api.AuthSendCode;
import io.heliograph.tl.api.AuthSentCode;
import io.heliograph.tl.api.AuthSentCodeTypeApp;
import io.heliograph.tl.api.AuthSentCodeTypeSms;
import io.heliograph.tl.api.TAuthSentCode;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code auth.sendCode}: a new login code for the phone, delivered by the {@link CodeSender}, answered as sent by the
 * app to an existing user and by SMS to a new number. Errors: {@code PHONE_NUMBER_INVALID}, {@code API_ID_INVALID},
 * {@code 303 PHONE_MIGRATE_X}, {@code 420 FLOOD_WAIT_X}.
 *
 * @see <a href="https://core.telegram.org/method/auth.sendCode">auth.sendCode</a>
 */
@Component
class SendCodeMethod implements RpcMethod<AuthSendCode, TAuthSentCode> {

    private final PhoneHomes homes;
    private final LoginCodes codes;
    private final CodeSender sender;

    SendCodeMethod(PhoneHomes homes, LoginCodes codes, CodeSender sender) {
        this.homes = homes;
        this.codes = codes;
        this.sender = sender;
    }

    @Override
    public Class<AuthSendCode> function() {
        return AuthSendCode.class;
    }

    @Override
    public Mono<TAuthSentCode> handle(AuthSendCode call, RpcContext ctx) {
        return Mono.defer(() -> {
            String phone = Phones.normalize(call.phoneNumber());
            ApiCredentials.validate(call.apiId(), call.apiHash());
            return homes.requireHome(phone, ctx.clientIp()).flatMap(user -> codes.issue(phone)
                    .flatMap(code -> sender.send(phone, code.code(), user.isPresent())
                            .thenReturn(new AuthSentCode(user.isPresent()
                                    ? new AuthSentCodeTypeApp(LoginCodes.CODE_LENGTH)
                                    : new AuthSentCodeTypeSms(LoginCodes.CODE_LENGTH), code.hash(), null, null))));
        });
    }
}
