package io.heliograph.session.password;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.heliograph.events.UserId;
import io.heliograph.platform.rpc.AuthKeyId;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.cassandra.ReactiveResultSet;
import org.springframework.data.cassandra.ReactiveSession;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The tables of two-step verification (V10): {@code two_step_passwords}, {@code two_step_challenges},
 * {@code two_step_failures} and {@code pending_password_logins}, through prepared statements at LOCAL_QUORUM so any
 * instance reads what another wrote. The one lightweight transaction is the first write of a user's row (the offered
 * salts, {@code IF NOT EXISTS}): two instances answering a user's first {@code account.getPassword} at once must offer
 * the same salts, or the client's new password would fail with {@code NEW_SALT_INVALID}.
 */
@Component
class PasswordStore {

    static final String SELECT_PASSWORD = "SELECT user_id, new_salt1, new_salt2, new_secure_salt, salt1, salt2, g, p, "
            + "verifier, hint, email FROM two_step_passwords WHERE user_id = ?";
    static final String INSERT_OFFER = "INSERT INTO two_step_passwords (user_id, new_salt1, new_salt2, new_secure_salt, "
            + "updated_at) VALUES (?, ?, ?, ?, ?) IF NOT EXISTS";
    static final String UPDATE_PASSWORD = "UPDATE two_step_passwords SET salt1 = ?, salt2 = ?, g = ?, p = ?, "
            + "verifier = ?, hint = ?, email = ?, updated_at = ? WHERE user_id = ?";
    static final String UPDATE_EMAIL = "UPDATE two_step_passwords SET email = ?, updated_at = ? WHERE user_id = ?";
    static final String SELECT_CHALLENGES = "SELECT srp_id, b, srp_b, password_salt1, TTL(srp_b) AS ttl "
            + "FROM two_step_challenges WHERE user_id = ?";
    static final String SELECT_CHALLENGE = "SELECT srp_id, b, srp_b, password_salt1, TTL(srp_b) AS ttl "
            + "FROM two_step_challenges WHERE user_id = ? AND srp_id = ?";
    static final String INSERT_CHALLENGE = "INSERT INTO two_step_challenges (user_id, srp_id, b, srp_b, password_salt1, "
            + "created_at) VALUES (?, ?, ?, ?, ?, ?) USING TTL ?";
    static final String DELETE_CHALLENGE = "DELETE FROM two_step_challenges WHERE user_id = ? AND srp_id = ?";
    static final String SELECT_FAILURES = "SELECT failed_at FROM two_step_failures WHERE user_id = ? LIMIT ?";
    static final String INSERT_FAILURE = "INSERT INTO two_step_failures (user_id, failed_at, nonce) VALUES (?, ?, ?) "
            + "USING TTL ?";
    static final String SELECT_PENDING = "SELECT user_id FROM pending_password_logins WHERE perm_auth_key_id = ?";
    static final String INSERT_PENDING = "INSERT INTO pending_password_logins (perm_auth_key_id, user_id, created_at) "
            + "VALUES (?, ?, ?) USING TTL ?";
    static final String DELETE_PENDING = "DELETE FROM pending_password_logins WHERE perm_auth_key_id = ?";

    private final ReactiveSession session;
    private final Map<String, PreparedStatement> prepared = new ConcurrentHashMap<>();

    PasswordStore(ReactiveSession session) {
        this.session = session;
    }

    Mono<StoredPassword> find(UserId user) {
        return execute(SELECT_PASSWORD, user.value())
                .flatMap(rs -> rs.rows().next())
                .filter(row -> !row.isNull("new_salt1"))
                .map(PasswordStore::password);
    }

    /**
     * The user's row, first writing {@code offer} (the salts to offer, no password) if there is none; when two
     * instances race, both return the winner's salts.
     */
    Mono<StoredPassword> findOrOffer(UserId user, byte[] newSalt1, byte[] newSalt2, byte[] newSecureSalt, Instant now) {
        return find(user).switchIfEmpty(Mono.defer(() -> prepare(INSERT_OFFER)
                .flatMap(ps -> session.execute(ps.bind(user.value(), ByteBuffer.wrap(newSalt1), ByteBuffer.wrap(newSalt2),
                                ByteBuffer.wrap(newSecureSalt), now)
                        .setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM)
                        .setSerialConsistencyLevel(DefaultConsistencyLevel.LOCAL_SERIAL)))
                .flatMap(rs -> rs.wasApplied()
                        ? Mono.just(new StoredPassword(user, newSalt1, newSalt2, newSecureSalt, null, null, null))
                        // not applied: the row holds the existing values
                        : rs.rows().next().map(PasswordStore::password))));
    }

    Mono<Void> setPassword(UserId user, StoredPassword.Current password, String hint, String email, Instant now) {
        return execute(UPDATE_PASSWORD, ByteBuffer.wrap(password.salt1()), ByteBuffer.wrap(password.salt2()),
                password.g(), ByteBuffer.wrap(password.p()), ByteBuffer.wrap(password.verifier()), hint, email, now,
                user.value()).then();
    }

    /** Removes the password, its hint and email; the offered salts stay. */
    Mono<Void> removePassword(UserId user, Instant now) {
        return execute(UPDATE_PASSWORD, null, null, null, null, null, null, null, now, user.value()).then();
    }

    Mono<Void> setEmail(UserId user, String email, Instant now) {
        return execute(UPDATE_EMAIL, email, now, user.value()).then();
    }

    Flux<SrpChallenge> challenges(UserId user) {
        return execute(SELECT_CHALLENGES, user.value()).flatMapMany(ReactiveResultSet::rows)
                .filter(row -> !row.isNull("b"))
                .map(PasswordStore::challenge);
    }

    Mono<SrpChallenge> challenge(UserId user, long srpId) {
        return execute(SELECT_CHALLENGE, user.value(), srpId).flatMap(rs -> rs.rows().next())
                .filter(row -> !row.isNull("b"))
                .map(PasswordStore::challenge);
    }

    Mono<Void> saveChallenge(UserId user, SrpChallenge c, Instant now, Duration ttl) {
        return execute(INSERT_CHALLENGE, user.value(), c.srpId(), ByteBuffer.wrap(c.b().toByteArray()),
                ByteBuffer.wrap(c.srpB()), ByteBuffer.wrap(c.passwordSalt1()), now, ttlSeconds(ttl)).then();
    }

    Mono<Void> deleteChallenge(UserId user, long srpId) {
        return execute(DELETE_CHALLENGE, user.value(), srpId).then();
    }

    /** The times of the user's latest wrong passwords still counted, newest first, at most {@code limit}. */
    Flux<Instant> recentFailures(UserId user, int limit) {
        return execute(SELECT_FAILURES, user.value(), limit).flatMapMany(ReactiveResultSet::rows)
                .map(row -> row.getInstant("failed_at"));
    }

    Mono<Void> recordFailure(UserId user, Instant at, Duration window) {
        return execute(INSERT_FAILURE, user.value(), at, UUID.randomUUID(), ttlSeconds(window)).then();
    }

    Mono<UserId> pendingLogin(AuthKeyId permKey) {
        return execute(SELECT_PENDING, permKey.value()).flatMap(rs -> rs.rows().next())
                .filter(row -> !row.isNull("user_id") && row.getLong("user_id") > 0)
                .map(row -> UserId.of(row.getLong("user_id")));
    }

    Mono<Void> savePendingLogin(AuthKeyId permKey, UserId user, Instant now, Duration ttl) {
        return execute(INSERT_PENDING, permKey.value(), user.value(), now, ttlSeconds(ttl)).then();
    }

    Mono<Void> deletePendingLogin(AuthKeyId permKey) {
        return execute(DELETE_PENDING, permKey.value()).then();
    }

    private Mono<ReactiveResultSet> execute(String cql, Object... values) {
        return prepare(cql).flatMap(statement -> {
            BoundStatement bound = statement.bind(values).setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM);
            return session.execute(bound);
        });
    }

    /** Prepares each statement on first use and remembers it; a failed prepare is retried by the next call. */
    private Mono<PreparedStatement> prepare(String cql) {
        PreparedStatement statement = prepared.get(cql);
        return statement != null ? Mono.just(statement) : session.prepare(cql).doOnNext(ps -> prepared.put(cql, ps));
    }

    private static int ttlSeconds(Duration ttl) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, ttl.toSeconds()));
    }

    private static StoredPassword password(Row row) {
        StoredPassword.Current current = row.isNull("verifier") ? null : new StoredPassword.Current(bytes(row, "salt1"),
                bytes(row, "salt2"), row.getInt("g"), bytes(row, "p"), bytes(row, "verifier"));
        return new StoredPassword(UserId.of(row.getLong("user_id")), bytes(row, "new_salt1"), bytes(row, "new_salt2"),
                bytes(row, "new_secure_salt"), current, row.getString("hint"), row.getString("email"));
    }

    private static SrpChallenge challenge(Row row) {
        return new SrpChallenge(row.getLong("srp_id"), new BigInteger(bytes(row, "b")), bytes(row, "srp_b"),
                bytes(row, "password_salt1"), row.isNull("ttl") ? 0 : row.getInt("ttl"));
    }

    private static byte[] bytes(Row row, String column) {
        ByteBuffer buffer = row.getByteBuffer(column);
        if (buffer == null) {
            return null;
        }
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
