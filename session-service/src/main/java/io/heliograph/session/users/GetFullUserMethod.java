package io.heliograph.session.users;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.session.dcs.Dcs;
import io.heliograph.tl.api.PeerNotifySettings;
import io.heliograph.tl.api.PeerSettings;
import io.heliograph.tl.api.TUsersUserFull;
import io.heliograph.tl.api.UserFull;
import io.heliograph.tl.api.UsersGetFullUser;
import io.heliograph.tl.api.UsersUserFull;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code users.getFullUser}: the user's profile (bio) with the user. {@code USER_ID_INVALID} for a user the caller
 * may not see (unknown, wrong access hash); {@code 303 USER_MIGRATE_X} off the caller's home DC.
 *
 * @see <a href="https://core.telegram.org/method/users.getFullUser">users.getFullUser</a>
 */
@Component
class GetFullUserMethod implements RpcMethod<UsersGetFullUser, TUsersUserFull> {

    private final Dcs dcs;
    private final InputUsers inputs;
    private final UserViewer viewer;

    GetFullUserMethod(Dcs dcs, InputUsers inputs, UserViewer viewer) {
        this.dcs = dcs;
        this.inputs = inputs;
        this.viewer = viewer;
    }

    @Override
    public Class<UsersGetFullUser> function() {
        return UsersGetFullUser.class;
    }

    @Override
    public Mono<TUsersUserFull> handle(UsersGetFullUser call, RpcContext ctx) {
        return dcs.requireHomeUser(ctx).flatMap(caller -> inputs.resolve(call.id(), caller.value())
                .switchIfEmpty(Mono.error(() -> RpcException.badRequest("USER_ID_INVALID")))
                .flatMap(user -> viewer.view(user, caller.value())
                        .map(view -> new UsersUserFull(full(user), List.of(), List.of(view)))));
    }

    static UserFull full(UserRecord u) {
        PeerSettings settings = new PeerSettings(false, false, false, false, false, false, false, false, false, false,
                false, null, null, null, null, null, null, null, null, null, null);
        PeerNotifySettings notify = new PeerNotifySettings(null, null, null, null, null, null, null, null, null, null,
                null);
        return new UserFull(false, false, false, false, false, false, false, false, false, false, false, false, false,
                false, false, false, false, false, false, false,
                u.id(), u.about(), settings, null, null, null, notify, null, null, 0,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
