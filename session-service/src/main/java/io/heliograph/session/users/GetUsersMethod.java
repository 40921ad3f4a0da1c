package io.heliograph.session.users;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.session.dcs.Dcs;
import io.heliograph.tl.api.TUser;
import io.heliograph.tl.api.UsersGetUsers;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code users.getUsers}: the users named, in order; entries the caller may not see (unknown id, wrong access hash,
 * unsupported input) are left out of the vector, as Telegram does. At most {@value #MAX_IDS} ids
 * ({@code LIMIT_INVALID}); {@code 303 USER_MIGRATE_X} off the caller's home DC.
 *
 * @see <a href="https://core.telegram.org/method/users.getUsers">users.getUsers</a>
 */
@Component
class GetUsersMethod implements RpcMethod<UsersGetUsers, List<TUser>> {

    static final int MAX_IDS = 200;

    private final Dcs dcs;
    private final InputUsers inputs;
    private final UserViewer viewer;

    GetUsersMethod(Dcs dcs, InputUsers inputs, UserViewer viewer) {
        this.dcs = dcs;
        this.inputs = inputs;
        this.viewer = viewer;
    }

    @Override
    public Class<UsersGetUsers> function() {
        return UsersGetUsers.class;
    }

    @Override
    public Mono<List<TUser>> handle(UsersGetUsers call, RpcContext ctx) {
        if (call.id().size() > MAX_IDS) {
            return Mono.error(RpcException.badRequest("LIMIT_INVALID"));
        }
        return dcs.requireHomeUser(ctx).flatMap(caller -> Flux.fromIterable(call.id())
                .concatMap(input -> inputs.resolve(input, caller.value()))
                .concatMap(user -> viewer.view(user, caller.value()))
                .map(user -> (TUser) user)
                .collectList());
    }
}
