package io.heliograph.session.login;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.tl.api.AuthCancelCode;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code auth.cancelCode}: forgets the code (true also for an unknown one). Errors: {@code PHONE_NUMBER_INVALID},
 * {@code PHONE_CODE_HASH_EMPTY}, {@code 303 PHONE_MIGRATE_X}.
 *
 * @see <a href="https://core.telegram.org/method/auth.cancelCode">auth.cancelCode</a>
 */
@Component
class CancelCodeMethod implements RpcMethod<AuthCancelCode, Boolean> {

    private final PhoneHomes homes;
    private final LoginCodes codes;

    CancelCodeMethod(PhoneHomes homes, LoginCodes codes) {
        this.homes = homes;
        this.codes = codes;
    }

    @Override
    public Class<AuthCancelCode> function() {
        return AuthCancelCode.class;
    }

    @Override
    public Mono<Boolean> handle(AuthCancelCode call, RpcContext ctx) {
        return Mono.defer(() -> {
            String phone = Phones.normalize(call.phoneNumber());
            return homes.requireHome(phone, ctx.clientIp()).then(codes.cancel(phone, call.phoneCodeHash())).thenReturn(true);
        });
    }
}
