package io.heliograph.session.directory;

import com.datastax.oss.driver.api.core.cql.Row;
import io.heliograph.platform.DcContext;
import io.heliograph.platform.cassandra.Cql;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The cross-DC directory in keyspace {@code heliograph_global}: user id → home DC ({@code user_ids}), phone → user
 * ({@code phone_directory}), username → user ({@code username_directory}). Each entry is claimed once with a
 * lightweight transaction ({@code IF NOT EXISTS}): sign-up, username changes and bot creation are rare next to reads,
 * and a claim must be unique across every DC and instance, which nothing else in the platform serializes.
 */
@Component
public class Directory {

    /**
     * User ids are random in [2^32, 2^40): unique across DCs, never confused with small ids, and valid where clients
     * check them (TDLib and mtcute refuse user ids of 2^40 and above).
     */
    public static final long MIN_USER_ID = 1L << 32;
    public static final long MAX_USER_ID_EXCLUSIVE = 1L << 40;
    private static final int HOME_CACHE_LIMIT = 100_000;

    /** A directory entry: whose it is and where that user lives. */
    public record Entry(long userId, int homeDc) {
    }

    private final Cql cql;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** A user's home DC never changes in this version, so it is cached without expiry (bounded). */
    private final Map<Long, Integer> homes = new ConcurrentHashMap<>();
    private final String claimUserId;
    private final String deleteUserId;
    private final String selectUserId;
    private final String selectPhone;
    private final String claimPhone;
    private final String selectUsername;
    private final String claimUsername;
    private final String releaseUsername;

    public Directory(Cql cql, DcContext dc, Clock clock) {
        this.cql = cql;
        this.clock = clock;
        String g = dc.globalKeyspace();
        claimUserId = "INSERT INTO " + g + ".user_ids (user_id, home_dc, created_at) VALUES (?, ?, ?) IF NOT EXISTS";
        deleteUserId = "DELETE FROM " + g + ".user_ids WHERE user_id = ?";
        selectUserId = "SELECT home_dc FROM " + g + ".user_ids WHERE user_id = ?";
        selectPhone = "SELECT user_id, home_dc FROM " + g + ".phone_directory WHERE phone = ?";
        claimPhone = "INSERT INTO " + g + ".phone_directory (phone, user_id, home_dc) VALUES (?, ?, ?) IF NOT EXISTS";
        selectUsername = "SELECT user_id, home_dc FROM " + g + ".username_directory WHERE username = ?";
        claimUsername = "INSERT INTO " + g + ".username_directory (username, user_id, home_dc) VALUES (?, ?, ?) "
                + "IF NOT EXISTS";
        releaseUsername = "DELETE FROM " + g + ".username_directory WHERE username = ? IF user_id = ?";
    }

    /** Claims a fresh random user id homed in {@code homeDc} (retrying the rare collision). */
    public Mono<Long> allocateUserId(int homeDc) {
        return Mono.defer(() -> {
            long id = MIN_USER_ID + (random.nextLong() & Long.MAX_VALUE) % (MAX_USER_ID_EXCLUSIVE - MIN_USER_ID);
            return cql.applied(claimUserId, id, homeDc, clock.instant())
                    .flatMap(applied -> applied ? Mono.just(id) : Mono.empty());
        }).repeatWhenEmpty(8, f -> f)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("no free user id after 9 tries")))
                .doOnNext(id -> remember(id, homeDc));
    }

    /** Gives back an id whose user was never published (a sign-up that lost its phone claim). */
    public Mono<Void> releaseUserId(long userId) {
        homes.remove(userId);
        return cql.run(deleteUserId, userId);
    }

    /** The user's home DC; empty for an unknown user. */
    public Mono<Integer> homeDcOf(long userId) {
        Integer cached = homes.get(userId);
        if (cached != null) {
            return Mono.just(cached);
        }
        return cql.one(selectUserId, userId)
                .filter(row -> !row.isNull("home_dc"))
                .map(row -> row.getInt("home_dc"))
                .doOnNext(dc -> remember(userId, dc));
    }

    public Mono<Optional<Entry>> findPhone(String phone) {
        return cql.one(selectPhone, phone).map(Directory::entry).map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    /** Claims the phone for the user; false when another user has it. */
    public Mono<Boolean> claimPhone(String phone, long userId, int homeDc) {
        return cql.applied(claimPhone, phone, userId, homeDc);
    }

    /** The owner of a username, by its canonical (lower-case) form. */
    public Mono<Optional<Entry>> findUsername(String canonical) {
        return cql.one(selectUsername, canonical).map(Directory::entry).map(Optional::of)
                .defaultIfEmpty(Optional.empty());
    }

    /** Claims a username (canonical form) for the user; true also when the user already owns it. */
    public Mono<Boolean> claimUsername(String canonical, long userId, int homeDc) {
        return cql.applied(claimUsername, canonical, userId, homeDc).flatMap(applied -> applied ? Mono.just(true)
                : findUsername(canonical).map(e -> e.isPresent() && e.get().userId() == userId));
    }

    /** Releases a username if (and only if) the user still owns it. */
    public Mono<Void> releaseUsername(String canonical, long userId) {
        return cql.applied(releaseUsername, canonical, userId).then();
    }

    private void remember(long userId, int homeDc) {
        if (homes.size() >= HOME_CACHE_LIMIT) {
            homes.clear();
        }
        homes.put(userId, homeDc);
    }

    private static Entry entry(Row row) {
        return new Entry(row.getLong("user_id"), row.getInt("home_dc"));
    }
}
