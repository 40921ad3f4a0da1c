package io.heliograph.session.contacts;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.session.dcs.Dcs;
import io.heliograph.session.users.InputUsers;
import io.heliograph.session.users.UserRecord;
import io.heliograph.tl.api.ContactsDeleteContacts;
import io.heliograph.tl.api.TUpdates;
import io.heliograph.tl.api.TUser;
import io.heliograph.tl.api.Updates;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code contacts.deleteContacts(id)}: removes the named users from the caller's contacts. Every {@code InputUser} is
 * resolved first with its access hash ({@link InputUsers}); one the caller may not name answers
 * {@code CONTACT_ID_INVALID} and nothing is deleted. At most {@value #MAX_IDS} ids ({@code LIMIT_INVALID}). The answer
 * is an {@code updates} without updates (the peer-settings/message updates come with messaging) carrying the users
 * as the caller now sees them. {@code 303 USER_MIGRATE_X}.
 *
 * @see <a href="https://core.telegram.org/method/contacts.deleteContacts">contacts.deleteContacts</a>
 */
@Component
class DeleteContactsMethod implements RpcMethod<ContactsDeleteContacts, TUpdates> {

    static final int MAX_IDS = 500;

    private final Dcs dcs;
    private final InputUsers inputs;
    private final ContactStore contacts;
    private final ContactViews views;
    private final Clock clock;

    DeleteContactsMethod(Dcs dcs, InputUsers inputs, ContactStore contacts, ContactViews views, Clock clock) {
        this.dcs = dcs;
        this.inputs = inputs;
        this.contacts = contacts;
        this.views = views;
        this.clock = clock;
    }

    @Override
    public Class<ContactsDeleteContacts> function() {
        return ContactsDeleteContacts.class;
    }

    @Override
    public Mono<TUpdates> handle(ContactsDeleteContacts call, RpcContext ctx) {
        List<io.heliograph.tl.api.TInputUser> ids = call.id() == null ? List.of() : call.id();
        if (ids.size() > MAX_IDS) {
            return Mono.error(RpcException.badRequest("LIMIT_INVALID"));
        }
        return dcs.requireHomeUser(ctx).flatMap(caller -> Flux.fromIterable(ids)
                .concatMap(input -> inputs.resolve(input, caller.value())
                        .switchIfEmpty(Mono.error(() -> RpcException.badRequest("CONTACT_ID_INVALID"))))
                .distinct(UserRecord::id)
                .collectList()
                .flatMap(users -> Flux.fromIterable(users)
                        .filter(u -> u.id() != caller.value())
                        .concatMap(u -> contacts.delete(caller.value(), u.id()).thenReturn(u))
                        .concatMap(u -> views.view(u, caller.value(), null))
                        .map(u -> (TUser) u)
                        .collectList())
                .map(users -> (TUpdates) new Updates(List.of(), users, List.of(),
                        (int) clock.instant().getEpochSecond(), 0)));
    }
}
