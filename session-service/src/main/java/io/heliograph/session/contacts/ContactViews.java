package io.heliograph.session.contacts;

import io.heliograph.session.presence.Presence;
import io.heliograph.session.users.UserRecord;
import io.heliograph.session.users.UserViews;
import io.heliograph.tl.api.TUserStatus;
import io.heliograph.tl.api.User;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Users as the contacts methods show them to the caller: presence from the user's home DC, and for a contact of the
 * caller the {@code contact} flag, the names the caller saved and {@code mutual_contact} (the contact's own row for
 * the caller, read from the contact's home DC keyspace).
 */
@Component
class ContactViews {

    private final ContactStore contacts;
    private final Presence presence;
    private final Clock clock;

    ContactViews(ContactStore contacts, Presence presence, Clock clock) {
        this.contacts = contacts;
        this.presence = presence;
        this.clock = clock;
    }

    /** The user seen by {@code callerId}, who has {@code entry} for it (null: not a contact). */
    Mono<User> view(UserRecord u, long callerId, StoredContact entry) {
        if (u.id() == callerId) {
            return Mono.fromSupplier(() -> UserViews.of(u, callerId, clock.instant()));
        }
        Mono<Boolean> mutual = entry == null ? Mono.just(false) : contacts.has(u.id(), u.homeDc(), callerId);
        return Mono.zip(u.bot() ? Mono.just(Optional.<TUserStatus>empty())
                                : presence.statusOf(u.id(), u.homeDc()).map(Optional::of), mutual)
                .map(t -> UserViews.of(u, callerId, clock.instant(), t.getT1().orElse(null), entry == null ? null
                        : new UserViews.ContactView(entry.firstName(), entry.lastName(), t.getT2())));
    }

    /** The user seen by {@code callerId}, looking up the caller's entry for it. */
    Mono<User> view(UserRecord u, long callerId) {
        return contacts.find(callerId, u.id()).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(entry -> view(u, callerId, entry.orElse(null)));
    }
}
