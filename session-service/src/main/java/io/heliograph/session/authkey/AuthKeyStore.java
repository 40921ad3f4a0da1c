package io.heliograph.session.authkey;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.heliograph.platform.rpc.AuthKeyId;
import io.heliograph.platform.rpc.ConnectionRecord;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.cassandra.ReactiveResultSet;
import org.springframework.data.cassandra.ReactiveSession;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The {@code auth_keys} and {@code auth_key_connections} tables of this DC's keyspace, through prepared statements at
 * LOCAL_QUORUM (a key registered by one gateway is read by another). No lightweight transactions: writes are
 * idempotent upserts, a temporary key's rows carry a TTL until its expiry, and a read treats a row without key bytes
 * (a binding or connection written while the key was deleted) as absent.
 */
@Component
class AuthKeyStore {

    private static final String KEY_COLUMNS =
            "auth_key_id, auth_key, temporary, perm_auth_key_id, user_id, created_at, expires_at";
    static final String SELECT_KEY = "SELECT " + KEY_COLUMNS + " FROM auth_keys WHERE auth_key_id = ?";
    static final String INSERT_PERMANENT = "INSERT INTO auth_keys (auth_key_id, auth_key, temporary, perm_auth_key_id, "
            + "created_at) VALUES (?, ?, false, 0, ?)";
    static final String INSERT_TEMPORARY = "INSERT INTO auth_keys (auth_key_id, auth_key, temporary, perm_auth_key_id, "
            + "created_at, expires_at) VALUES (?, ?, true, ?, ?, ?) USING TTL ?";
    static final String UPDATE_BINDING = "UPDATE auth_keys USING TTL ? SET perm_auth_key_id = ? WHERE auth_key_id = ?";
    static final String DELETE_KEY = "DELETE FROM auth_keys WHERE auth_key_id = ?";
    private static final String CONNECTION_COLUMNS = "layer, api_id, device_model, system_version, app_version, "
            + "system_lang_code, lang_pack, lang_code";
    static final String SELECT_CONNECTION = "SELECT " + CONNECTION_COLUMNS + " FROM auth_key_connections "
            + "WHERE auth_key_id = ?";
    static final String UPSERT_CONNECTION = "INSERT INTO auth_key_connections (auth_key_id, " + CONNECTION_COLUMNS
            + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?";
    static final String DELETE_CONNECTION = "DELETE FROM auth_key_connections WHERE auth_key_id = ?";

    private final ReactiveSession session;
    private final Map<String, PreparedStatement> prepared = new ConcurrentHashMap<>();

    AuthKeyStore(ReactiveSession session) {
        this.session = session;
    }

    Mono<StoredAuthKey> find(AuthKeyId id) {
        return execute(SELECT_KEY, id.value())
                .flatMap(rs -> rs.rows().next())
                .filter(row -> !row.isNull("auth_key"))
                .map(AuthKeyStore::authKey);
    }

    Mono<Void> insertPermanent(AuthKeyId id, byte[] key, Instant createdAt) {
        return execute(INSERT_PERMANENT, id.value(), ByteBuffer.wrap(key), createdAt).then();
    }

    /** Inserts a temporary key whose rows live {@code ttl} (whole seconds, at least 1). */
    Mono<Void> insertTemporary(AuthKeyId id, byte[] key, AuthKeyId permAuthKeyId, Instant createdAt, Instant expiresAt,
            Duration ttl) {
        return execute(INSERT_TEMPORARY, id.value(), ByteBuffer.wrap(key), permAuthKeyId.value(), createdAt, expiresAt,
                ttlSeconds(ttl)).then();
    }

    Mono<Void> bind(AuthKeyId temporary, AuthKeyId permanent, Duration ttl) {
        return execute(UPDATE_BINDING, ttlSeconds(ttl), permanent.value(), temporary.value()).then();
    }

    /** Deletes the key and its connection (two single-row deletes; repeating them is harmless). */
    Mono<Void> delete(AuthKeyId id) {
        return Mono.when(execute(DELETE_KEY, id.value()), execute(DELETE_CONNECTION, id.value()));
    }

    Mono<ConnectionRecord> findConnection(AuthKeyId id) {
        return execute(SELECT_CONNECTION, id.value())
                .flatMap(rs -> rs.rows().next())
                .map(AuthKeyStore::connection);
    }

    /** Upserts the connection; {@code ttl} zero for a permanent key's row. */
    Mono<Void> saveConnection(AuthKeyId id, ConnectionRecord c, Instant updatedAt, Duration ttl) {
        return execute(UPSERT_CONNECTION, id.value(), c.layer(), c.apiId(), c.deviceModel(), c.systemVersion(),
                c.appVersion(), c.systemLangCode(), c.langPack(), c.langCode(), updatedAt,
                ttl.isZero() ? 0 : ttlSeconds(ttl)).then();
    }

    private Mono<ReactiveResultSet> execute(String cql, Object... values) {
        return prepare(cql).flatMap(statement -> session.execute(statement.bind(values)
                .setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM)));
    }

    /** Prepares each statement on first use and remembers it; a failed prepare is retried by the next call. */
    private Mono<PreparedStatement> prepare(String cql) {
        PreparedStatement statement = prepared.get(cql);
        return statement != null ? Mono.just(statement) : session.prepare(cql).doOnNext(ps -> prepared.put(cql, ps));
    }

    private static int ttlSeconds(Duration ttl) {
        long seconds = Math.max(1, ttl.toSeconds());
        if (seconds > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("TTL too long: " + ttl);
        }
        return (int) seconds;
    }

    private static StoredAuthKey authKey(Row row) {
        ByteBuffer buffer = row.getByteBuffer("auth_key");
        byte[] key = new byte[buffer.remaining()];
        buffer.duplicate().get(key);
        return new StoredAuthKey(AuthKeyId.of(row.getLong("auth_key_id")), key, row.getBoolean("temporary"),
                AuthKeyId.of(row.getLong("perm_auth_key_id")), row.getLong("user_id"), row.getInstant("created_at"),
                row.getInstant("expires_at"));
    }

    private static ConnectionRecord connection(Row row) {
        return new ConnectionRecord(row.getInt("layer"), row.getInt("api_id"), row.getString("device_model"),
                row.getString("system_version"), row.getString("app_version"), row.getString("system_lang_code"),
                row.getString("lang_pack"), row.getString("lang_code"));
    }
}
