package io.heliograph.session.presence;

import io.heliograph.platform.cassandra.Cql;
import io.heliograph.session.dcs.Dcs;
import io.heliograph.tl.api.TUserStatus;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code user_status} rows (one per user, no TTL) in the user's home DC keyspace: written by the home DC's
 * {@code account.updateStatus}, read for any user from that user's home keyspace (see {@link Dcs}).
 */
@Component
public class Presence {

    private final Cql cql;
    private final Dcs dcs;
    private final Clock clock;
    private final String upsert;

    public Presence(Cql cql, Dcs dcs, Clock clock) {
        this.cql = cql;
        this.dcs = dcs;
        this.clock = clock;
        upsert = "INSERT INTO " + dcs.keyspaceOf(dcs.thisDc()) + ".user_status (user_id, online, changed_at) "
                + "VALUES (?, ?, ?)";
    }

    /** Records that a user of this DC is now online or offline. */
    public Mono<Void> update(long userId, boolean online) {
        return cql.run(upsert, userId, online, clock.instant());
    }

    /** The stored presence of a user homed in {@code homeDc}; empty optional when none was ever reported. */
    public Mono<Optional<LastSeen>> lastSeen(long userId, int homeDc) {
        return cql.one("SELECT online, changed_at FROM " + dcs.keyspaceOf(homeDc) + ".user_status WHERE user_id = ?",
                        userId)
                .map(row -> Optional.of(new LastSeen(row.getBoolean("online"), row.getInstant("changed_at"))))
                .defaultIfEmpty(Optional.empty());
    }

    /** What another user sees as this user's status now. */
    public Mono<TUserStatus> statusOf(long userId, int homeDc) {
        return lastSeen(userId, homeDc).map(seen -> LastSeen.status(seen.orElse(null), clock.instant()));
    }
}
