package io.heliograph.session.contacts;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.session.dcs.Dcs;
import io.heliograph.session.directory.Directory;
import io.heliograph.session.login.Phones;
import io.heliograph.session.users.UserRecord;
import io.heliograph.session.users.UserStore;
import io.heliograph.tl.api.ContactsResolvePhone;
import io.heliograph.tl.api.ContactsResolvedPeer;
import io.heliograph.tl.api.PeerUser;
import io.heliograph.tl.api.TContactsResolvedPeer;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code contacts.resolvePhone(phone)}: the user with that phone (normalised as login does) in any DC, from
 * {@code global.phone_directory} confirmed by the user's row, as the caller sees it. {@code PHONE_NUMBER_INVALID},
 * {@code PHONE_NOT_OCCUPIED}, {@code 303 USER_MIGRATE_X}. Phone privacy rules ("who can find me by my number") are not
 * implemented: every user can be found by phone.
 *
 * @see <a href="https://core.telegram.org/method/contacts.resolvePhone">contacts.resolvePhone</a>
 */
@Component
class ResolvePhoneMethod implements RpcMethod<ContactsResolvePhone, TContactsResolvedPeer> {

    private final Dcs dcs;
    private final Directory directory;
    private final UserStore users;
    private final ContactViews views;

    ResolvePhoneMethod(Dcs dcs, Directory directory, UserStore users, ContactViews views) {
        this.dcs = dcs;
        this.directory = directory;
        this.users = users;
        this.views = views;
    }

    @Override
    public Class<ContactsResolvePhone> function() {
        return ContactsResolvePhone.class;
    }

    @Override
    public Mono<TContactsResolvedPeer> handle(ContactsResolvePhone call, RpcContext ctx) {
        return Mono.fromCallable(() -> Phones.normalize(call.phone())).flatMap(phone -> dcs.requireHomeUser(ctx)
                .flatMap(caller -> directory.findPhone(phone)
                        .flatMap(e -> e.isEmpty() ? Mono.<UserRecord>empty()
                                : users.find(e.get().userId(), e.get().homeDc()))
                        .filter(u -> phone.equals(u.phone()))
                        .switchIfEmpty(Mono.error(() -> RpcException.badRequest("PHONE_NOT_OCCUPIED")))
                        .flatMap(u -> views.view(u, caller.value()))
                        .map(u -> (TContactsResolvedPeer) new ContactsResolvedPeer(new PeerUser(u.id()), List.of(),
                                List.of(u)))));
    }
}
