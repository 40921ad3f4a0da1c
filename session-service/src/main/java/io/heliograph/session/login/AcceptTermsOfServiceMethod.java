package io.heliograph.session.login;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.tl.api.HelpAcceptTermsOfService;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code help.acceptTermsOfService}: acknowledged (acceptance is not recorded: there is one version of the terms).
 *
 * @see <a href="https://core.telegram.org/method/help.acceptTermsOfService">help.acceptTermsOfService</a>
 */
@Component
class AcceptTermsOfServiceMethod implements RpcMethod<HelpAcceptTermsOfService, Boolean> {

    @Override
    public Class<HelpAcceptTermsOfService> function() {
        return HelpAcceptTermsOfService.class;
    }

    @Override
    public Mono<Boolean> handle(HelpAcceptTermsOfService call, RpcContext ctx) {
        return Mono.just(true);
    }
}
