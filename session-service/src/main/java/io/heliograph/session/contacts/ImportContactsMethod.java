package io.heliograph.session.contacts;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.session.dcs.Dcs;
import io.heliograph.session.directory.Directory;
import io.heliograph.session.login.Phones;
import io.heliograph.session.users.TextRules;
import io.heliograph.session.users.UserRecord;
import io.heliograph.session.users.UserStore;
import io.heliograph.tl.api.ContactsImportContacts;
import io.heliograph.tl.api.ContactsImportedContacts;
import io.heliograph.tl.api.ImportedContact;
import io.heliograph.tl.api.InputPhoneContact;
import io.heliograph.tl.api.TContactsImportedContacts;
import io.heliograph.tl.api.TImportedContact;
import io.heliograph.tl.api.TInputContact;
import io.heliograph.tl.api.TUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code contacts.importContacts}: every {@code inputPhoneContact} whose phone (normalised as login does) belongs to a
 * user in {@code global.phone_directory} is saved as the caller's contact with the names the caller gave, and answered
 * in {@code imported} with its {@code client_id}; the users come as the caller sees them (contact, saved names, phone,
 * mutual flag, presence). Phones of nobody, invalid phones and the caller's own phone are skipped silently (Telegram
 * does not tell which numbers are unregistered); phones without a user are not remembered for a later sign-up.
 * At most {@value #MAX_PER_CALL} entries are imported per call: the client ids of the rest come back in
 * {@code retry_contacts}, as Telegram does for what it will not import now. Every name is validated before anything
 * is written ({@code FIRSTNAME_INVALID}, {@code LASTNAME_INVALID}); {@code CONTACTS_TOO_MUCH} when the caller would
 * keep more than {@link ContactStore#MAX_CONTACTS}; {@code 303 USER_MIGRATE_X} off the caller's home DC.
 *
 * @see <a href="https://core.telegram.org/method/contacts.importContacts">contacts.importContacts</a>
 */
@Component
class ImportContactsMethod implements RpcMethod<ContactsImportContacts, TContactsImportedContacts> {

    static final int MAX_PER_CALL = 500;
    private static final int CONCURRENCY = 8;

    private record Entry(long clientId, String phone, String firstName, String lastName) {
    }

    private record Match(Entry entry, UserRecord user) {
    }

    private final Dcs dcs;
    private final Directory directory;
    private final UserStore users;
    private final ContactStore contacts;
    private final ContactViews views;

    ImportContactsMethod(Dcs dcs, Directory directory, UserStore users, ContactStore contacts, ContactViews views) {
        this.dcs = dcs;
        this.directory = directory;
        this.users = users;
        this.contacts = contacts;
        this.views = views;
    }

    @Override
    public Class<ContactsImportContacts> function() {
        return ContactsImportContacts.class;
    }

    @Override
    public Mono<TContactsImportedContacts> handle(ContactsImportContacts call, RpcContext ctx) {
        List<Entry> entries = new ArrayList<>();
        List<Long> retry = new ArrayList<>();
        List<TInputContact> given = call.contacts() == null ? List.of() : call.contacts();
        for (int i = 0; i < given.size(); i++) {
            if (!(given.get(i) instanceof InputPhoneContact c)) {
                continue;
            }
            if (i >= MAX_PER_CALL) {
                retry.add(c.clientId());
                continue;
            }
            String first = TextRules.clean(c.firstName() == null ? "" : c.firstName(), TextRules.MAX_NAME_LENGTH);
            if (first == null) {
                return Mono.error(RpcException.badRequest("FIRSTNAME_INVALID"));
            }
            String last = TextRules.clean(c.lastName() == null ? "" : c.lastName(), TextRules.MAX_NAME_LENGTH);
            if (last == null) {
                return Mono.error(RpcException.badRequest("LASTNAME_INVALID"));
            }
            String phone;
            try {
                phone = Phones.normalize(c.phone());
            } catch (RpcException invalid) {
                continue;
            }
            entries.add(new Entry(c.clientId(), phone, first, last));
        }
        return dcs.requireHomeUser(ctx).flatMap(caller -> Flux.fromIterable(entries)
                .flatMapSequential(e -> directory.findPhone(e.phone())
                        .flatMap(found -> found.isEmpty() || found.get().userId() == caller.value() ? Mono.empty()
                                : users.find(found.get().userId(), found.get().homeDc()))
                        .filter(u -> e.phone().equals(u.phone()))
                        .map(u -> new Match(e, u)), CONCURRENCY)
                .collectList()
                .flatMap(matches -> save(caller.value(), matches, retry)));
    }

    private Mono<TContactsImportedContacts> save(long callerId, List<Match> matches, List<Long> retry) {
        Map<Long, Match> byUser = new LinkedHashMap<>();
        matches.forEach(m -> byUser.put(m.user().id(), m));
        List<TImportedContact> imported = matches.stream()
                .map(m -> (TImportedContact) new ImportedContact(m.user().id(), m.entry().clientId())).toList();
        return contacts.list(callerId).map(StoredContact::contactUserId).collect(Collectors.toSet()).flatMap(had -> {
            long added = byUser.keySet().stream().filter(id -> !had.contains(id)).count();
            if (had.size() + added > ContactStore.MAX_CONTACTS) {
                return Mono.error(RpcException.badRequest("CONTACTS_TOO_MUCH"));
            }
            return Flux.fromIterable(byUser.values())
                    .map(m -> new StoredContact(callerId, m.user().id(), m.user().homeDc(), m.entry().phone(),
                            m.entry().firstName(), m.entry().lastName()))
                    .flatMapSequential(c -> contacts.save(c).thenReturn(c), CONCURRENCY)
                    .collectList()
                    .flatMapMany(saved -> Flux.fromIterable(saved).flatMapSequential(c -> views.view(
                            byUser.get(c.contactUserId()).user(), callerId, c), CONCURRENCY))
                    .map(u -> (TUser) u)
                    .collectList()
                    .map(users -> new ContactsImportedContacts(imported, List.of(), retry, users));
        });
    }
}
