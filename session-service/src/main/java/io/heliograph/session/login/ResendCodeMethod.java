package io.heliograph.session.login;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.tl.api.AuthResendCode;
import io.heliograph.tl.api.AuthSentCode;
import io.heliograph.tl.api.AuthSentCodeTypeSms;
import io.heliograph.tl.api.TAuthSentCode;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code auth.resendCode}: replaces the code of {@code phone_code_hash} with a new one under a new hash (clients use
 * the hash of the answer), sent by SMS; it counts towards the flood limit like a first send. Errors:
 * {@code PHONE_NUMBER_INVALID}, {@code PHONE_CODE_HASH_EMPTY}, {@code 303 PHONE_MIGRATE_X}, {@code 420 FLOOD_WAIT_X}.
 *
 * @see <a href="https://core.telegram.org/method/auth.resendCode">auth.resendCode</a>
 */
@Component
class ResendCodeMethod implements RpcMethod<AuthResendCode, TAuthSentCode> {

    private final PhoneHomes homes;
    private final LoginCodes codes;
    private final CodeSender sender;

    ResendCodeMethod(PhoneHomes homes, LoginCodes codes, CodeSender sender) {
        this.homes = homes;
        this.codes = codes;
        this.sender = sender;
    }

    @Override
    public Class<AuthResendCode> function() {
        return AuthResendCode.class;
    }

    @Override
    public Mono<TAuthSentCode> handle(AuthResendCode call, RpcContext ctx) {
        return Mono.defer(() -> {
            String phone = Phones.normalize(call.phoneNumber());
            if (call.phoneCodeHash() == null || call.phoneCodeHash().isEmpty()) {
                return Mono.error(RpcException.badRequest("PHONE_CODE_HASH_EMPTY"));
            }
            return homes.requireHome(phone, ctx.clientIp()).flatMap(user -> codes.issue(phone)
                    .flatMap(code -> codes.cancel(phone, call.phoneCodeHash())
                            .then(sender.send(phone, code.code(), user.isPresent()))
                            .thenReturn(new AuthSentCode(new AuthSentCodeTypeSms(LoginCodes.CODE_LENGTH), code.hash(),
                                    null, null))));
        });
    }
}
