package io.heliograph.session.contacts;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.session.dcs.Dcs;
import io.heliograph.session.directory.UsernamePrefixes;
import io.heliograph.session.users.UserRecord;
import io.heliograph.session.users.UserStore;
import io.heliograph.session.users.Usernames;
import io.heliograph.tl.api.ContactsFound;
import io.heliograph.tl.api.ContactsSearch;
import io.heliograph.tl.api.PeerUser;
import io.heliograph.tl.api.TContactsFound;
import io.heliograph.tl.api.TPeer;
import io.heliograph.tl.api.TUser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code contacts.search(q, limit)}: {@code my_results} are the caller's contacts whose saved name has a word starting
 * with {@code q} ({@link NameSearch}; one read of the caller's contacts partition), then contacts whose username
 * starts with {@code q}; {@code results} are other users whose username starts with {@code q} (a leading {@code @}
 * ignored; at least {@value UsernamePrefixes#PREFIX} characters) from {@link UsernamePrefixes}, each confirmed by the
 * owner's row. {@code limit} is clamped to 1..{@value #MAX_LIMIT} per list. No chats yet. {@code SEARCH_QUERY_EMPTY} for a
 * blank query, {@code 303 USER_MIGRATE_X}.
 *
 * @see <a href="https://core.telegram.org/method/contacts.search">contacts.search</a>
 */
@Component
class SearchMethod implements RpcMethod<ContactsSearch, TContactsFound> {

    static final int MAX_LIMIT = 100;
    static final int MAX_QUERY_LENGTH = 64;

    private final Dcs dcs;
    private final UserStore users;
    private final ContactStore contacts;
    private final UsernamePrefixes prefixes;
    private final ContactViews views;

    SearchMethod(Dcs dcs, UserStore users, ContactStore contacts, UsernamePrefixes prefixes, ContactViews views) {
        this.dcs = dcs;
        this.users = users;
        this.contacts = contacts;
        this.prefixes = prefixes;
        this.views = views;
    }

    @Override
    public Class<ContactsSearch> function() {
        return ContactsSearch.class;
    }

    @Override
    public Mono<TContactsFound> handle(ContactsSearch call, RpcContext ctx) {
        String q = NameSearch.normalize(call.q());
        if (q.isEmpty()) {
            return Mono.error(RpcException.badRequest("SEARCH_QUERY_EMPTY"));
        }
        int limit = Math.max(1, Math.min(MAX_LIMIT, call.limit()));
        if (q.codePointCount(0, q.length()) > MAX_QUERY_LENGTH) {
            return Mono.just(new ContactsFound(List.of(), List.of(), List.of(), List.of()));
        }
        String usernameQuery = Usernames.canonical(q.startsWith("@") ? q.substring(1) : q);
        return dcs.requireHomeUser(ctx).flatMap(caller -> contacts.list(caller.value())
                .collectMap(StoredContact::contactUserId)
                .flatMap(all -> Flux.fromIterable(all.values())
                        .filter(c -> NameSearch.matches(q, c.firstName(), c.lastName()))
                        .take(limit)
                        .concatMap(c -> users.find(c.contactUserId(), c.contactHomeDc()))
                        .collectList()
                        .flatMap(byName -> {
                            Set<Long> seen = new HashSet<>();
                            byName.forEach(u -> seen.add(u.id()));
                            return prefixes.search(usernameQuery, limit + seen.size() + 1)
                                    .filter(e -> e.userId() != caller.value() && seen.add(e.userId()))
                                    .concatMap(e -> users.find(e.userId(), e.homeDc()))
                                    .filter(u -> u.username() != null
                                            && Usernames.canonical(u.username()).startsWith(usernameQuery))
                                    .take(limit)
                                    .collectList()
                                    .flatMap(byUsername -> {
                                        List<UserRecord> mine = new ArrayList<>(byName);
                                        List<UserRecord> global = new ArrayList<>();
                                        for (UserRecord u : byUsername) {
                                            (all.containsKey(u.id()) && mine.size() < limit ? mine : global).add(u);
                                        }
                                        return answer(caller.value(), mine, global);
                                    });
                        })));
    }

    private Mono<TContactsFound> answer(long callerId, List<UserRecord> mine, List<UserRecord> global) {
        List<UserRecord> all = new ArrayList<>(mine);
        all.addAll(global);
        return Flux.fromIterable(all).concatMap(u -> views.view(u, callerId)).map(u -> (TUser) u).collectList()
                .map(users -> new ContactsFound(peers(mine), peers(global), List.of(), users));
    }

    private static List<TPeer> peers(List<UserRecord> users) {
        return users.stream().map(u -> (TPeer) new PeerUser(u.id())).toList();
    }
}
