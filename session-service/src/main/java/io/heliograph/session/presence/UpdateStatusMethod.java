package io.heliograph.session.presence;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.session.dcs.Dcs;
import io.heliograph.tl.api.AccountUpdateStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code account.updateStatus(offline)}: stores the caller's presence ({@link Presence}); others then see
 * {@code userStatusOnline} for {@link LastSeen#ONLINE_FOR}, or {@code userStatusOffline}. No updateUserStatus is pushed
 * to other users yet (that comes with the updates/messaging issue). {@code 303 USER_MIGRATE_X} off the home DC.
 *
 * @see <a href="https://core.telegram.org/method/account.updateStatus">account.updateStatus</a>
 */
@Component
class UpdateStatusMethod implements RpcMethod<AccountUpdateStatus, Boolean> {

    private final Dcs dcs;
    private final Presence presence;

    UpdateStatusMethod(Dcs dcs, Presence presence) {
        this.dcs = dcs;
        this.presence = presence;
    }

    @Override
    public Class<AccountUpdateStatus> function() {
        return AccountUpdateStatus.class;
    }

    @Override
    public Mono<Boolean> handle(AccountUpdateStatus call, RpcContext ctx) {
        return dcs.requireHomeUser(ctx)
                .flatMap(caller -> presence.update(caller.value(), !call.offline()))
                .thenReturn(true);
    }
}
