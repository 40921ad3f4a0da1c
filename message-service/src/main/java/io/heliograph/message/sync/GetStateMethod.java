package io.heliograph.message.sync;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.tl.api.TUpdatesState;
import io.heliograph.tl.api.UpdatesGetState;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code updates.getState}: where the caller's box is, to start following updates from.
 *
 * @see <a href="https://core.telegram.org/method/updates.getState">updates.getState</a>
 */
@Component
class GetStateMethod implements RpcMethod<UpdatesGetState, TUpdatesState> {

    private final Sync sync;

    GetStateMethod(Sync sync) {
        this.sync = sync;
    }

    @Override
    public Class<UpdatesGetState> function() {
        return UpdatesGetState.class;
    }

    @Override
    public Mono<TUpdatesState> handle(UpdatesGetState call, RpcContext ctx) {
        return sync.state(ctx.requireUser().value()).map(s -> s);
    }
}
