package io.heliograph.session.contacts;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.session.dcs.Dcs;
import io.heliograph.session.users.UserStore;
import io.heliograph.tl.api.Contact;
import io.heliograph.tl.api.ContactsContacts;
import io.heliograph.tl.api.ContactsContactsNotModified;
import io.heliograph.tl.api.ContactsGetContacts;
import io.heliograph.tl.api.TContact;
import io.heliograph.tl.api.TContactsContacts;
import io.heliograph.tl.api.TUser;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code contacts.getContacts(hash)}: the caller's contacts ({@code contact(user_id, mutual)}) with the users as the
 * caller sees them; {@code contacts.contactsNotModified} when {@code hash} equals {@link ContactsHash} of the list
 * (saved_count is always 0). A contact whose user row is gone is left out. {@code 303 USER_MIGRATE_X}.
 *
 * @see <a href="https://core.telegram.org/method/contacts.getContacts">contacts.getContacts</a>
 */
@Component
class GetContactsMethod implements RpcMethod<ContactsGetContacts, TContactsContacts> {

    static final int SAVED_COUNT = 0;
    private static final int CONCURRENCY = 8;

    private final Dcs dcs;
    private final UserStore users;
    private final ContactStore contacts;
    private final ContactViews views;

    GetContactsMethod(Dcs dcs, UserStore users, ContactStore contacts, ContactViews views) {
        this.dcs = dcs;
        this.users = users;
        this.contacts = contacts;
        this.views = views;
    }

    @Override
    public Class<ContactsGetContacts> function() {
        return ContactsGetContacts.class;
    }

    @Override
    public Mono<TContactsContacts> handle(ContactsGetContacts call, RpcContext ctx) {
        return dcs.requireHomeUser(ctx).flatMap(caller -> contacts.list(caller.value()).collectList().flatMap(list -> {
            long hash = ContactsHash.of(SAVED_COUNT, list.stream().map(StoredContact::contactUserId).toList());
            if (call.hash() != 0 && call.hash() == hash) {
                return Mono.just((TContactsContacts) new ContactsContactsNotModified());
            }
            return Flux.fromIterable(list)
                    .flatMapSequential(c -> users.find(c.contactUserId(), c.contactHomeDc())
                            .flatMap(u -> views.view(u, caller.value(), c)), CONCURRENCY)
                    .collectList()
                    .map(views -> (TContactsContacts) new ContactsContacts(
                            views.stream().map(u -> (TContact) new Contact(u.id(), u.mutualContact())).toList(),
                            SAVED_COUNT, views.stream().map(u -> (TUser) u).toList()));
        }));
    }

}
