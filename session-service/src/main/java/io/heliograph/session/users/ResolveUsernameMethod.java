package io.heliograph.session.users;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.session.dcs.Dcs;
import io.heliograph.session.directory.Directory;
import io.heliograph.tl.api.ContactsResolveUsername;
import io.heliograph.tl.api.ContactsResolvedPeer;
import io.heliograph.tl.api.PeerUser;
import io.heliograph.tl.api.TContactsResolvedPeer;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code contacts.resolveUsername}: the user with that username, in any DC (the directory is global; the row is read
 * from the owner's home DC keyspace), with the access hash for the caller. {@code USERNAME_INVALID},
 * {@code USERNAME_NOT_OCCUPIED}, {@code 303 USER_MIGRATE_X}. A directory entry the owner's row does not confirm (a
 * change that failed half-way) resolves to nobody.
 *
 * @see <a href="https://core.telegram.org/method/contacts.resolveUsername">contacts.resolveUsername</a>
 */
@Component
class ResolveUsernameMethod implements RpcMethod<ContactsResolveUsername, TContactsResolvedPeer> {

    private final Dcs dcs;
    private final Directory directory;
    private final UserStore users;
    private final UserViewer viewer;

    ResolveUsernameMethod(Dcs dcs, Directory directory, UserStore users, UserViewer viewer) {
        this.dcs = dcs;
        this.directory = directory;
        this.users = users;
        this.viewer = viewer;
    }

    @Override
    public Class<ContactsResolveUsername> function() {
        return ContactsResolveUsername.class;
    }

    @Override
    public Mono<TContactsResolvedPeer> handle(ContactsResolveUsername call, RpcContext ctx) {
        String name = call.username() != null && call.username().startsWith("@") ? call.username().substring(1)
                : call.username();
        if (!Usernames.valid(name)) {
            return Mono.error(RpcException.badRequest("USERNAME_INVALID"));
        }
        String canonical = Usernames.canonical(name);
        return dcs.requireHomeUser(ctx).flatMap(caller -> directory.findUsername(canonical)
                .flatMap(entry -> entry.isEmpty() ? Mono.<UserRecord>empty()
                        : users.find(entry.get().userId(), entry.get().homeDc()))
                .filter(u -> u.username() != null && Usernames.canonical(u.username()).equals(canonical))
                .switchIfEmpty(Mono.error(() -> RpcException.badRequest("USERNAME_NOT_OCCUPIED")))
                .flatMap(u -> viewer.view(u, caller.value()))
                .map(u -> (TContactsResolvedPeer) new ContactsResolvedPeer(new PeerUser(u.id()), List.of(),
                        List.of(u))));
    }
}
