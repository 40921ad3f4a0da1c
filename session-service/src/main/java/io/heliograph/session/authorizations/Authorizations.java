package io.heliograph.session.authorizations;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.heliograph.events.UserId;
import io.heliograph.platform.rpc.AuthKeyId;
import io.heliograph.platform.rpc.ConnectionRecord;
import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.session.authkey.AuthKeyRegistry;
import io.heliograph.platform.cassandra.Cql;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Device logins: granting one writes the {@code authorizations} row and {@code auth_keys.user_id} of the permanent
 * key in one logged batch (with whatever else the login consumes, such as its code), so a failure leaves either a
 * complete login or none; then {@code AuthorizationGranted} is published and the answer carries the user. Ending one
 * deletes the row and clears the key's user in one batch, then publishes {@code AuthorizationReset}. Authorizations
 * live in the keyspace of the DC whose key they log in.
 */
@Service
public class Authorizations {

    private static final String COLUMNS = "user_id, auth_key_id, hash, api_id, app_name, app_version, device_model, "
            + "system_version, lang_code, ip, created_at, active_at";
    static final String INSERT = "INSERT INTO authorizations (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String SELECT = "SELECT " + COLUMNS + " FROM authorizations WHERE user_id = ?";
    static final String DELETE = "DELETE FROM authorizations WHERE user_id = ? AND auth_key_id = ?";
    static final String SET_KEY_USER = "UPDATE auth_keys SET user_id = ? WHERE auth_key_id = ?";

    private final Cql cql;
    private final AuthKeyRegistry keys;
    private final AuthEvents events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Authorizations(Cql cql, AuthKeyRegistry keys, AuthEvents events, Clock clock) {
        this.cql = cql;
        this.keys = keys;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Logs the caller's permanent key in as {@code userId}: {@code 401 AUTH_KEY_PERM_EMPTY} for an unbound temporary
     * key, {@code 401 AUTH_KEY_UNREGISTERED} for a key this DC does not know. {@code alsoInBatch} is written
     * atomically with the login. A key logged in as another user leaves that user's authorization.
     */
    public Mono<Void> grant(long userId, RpcContext ctx, List<Mono<BoundStatement>> alsoInBatch) {
        return Mono.defer(() -> {
            AuthKeyId perm = ctx.permAuthKeyId();
            if (perm.isNone()) {
                return Mono.error(RpcException.unauthorized("AUTH_KEY_PERM_EMPTY"));
            }
            return keys.find(perm)
                    .filter(key -> !key.temporary())
                    .switchIfEmpty(Mono.error(() -> RpcException.unauthorized("AUTH_KEY_UNREGISTERED")))
                    .flatMap(key -> {
                        Instant now = clock.instant();
                        ConnectionRecord c = ctx.connection();
                        List<Mono<BoundStatement>> statements = new ArrayList<>();
                        statements.add(cql.bind(INSERT, userId, perm.value(), newHash(), c.apiId(), c.langPack(),
                                c.appVersion(), c.deviceModel(), c.systemVersion(), c.langCode(), ctx.clientIp(), now, now));
                        statements.add(cql.bind(SET_KEY_USER, userId, perm.value()));
                        if (key.userId() != 0 && key.userId() != userId) {
                            statements.add(cql.bind(DELETE, key.userId(), perm.value()));
                        }
                        statements.addAll(alsoInBatch);
                        return Flux.concat(statements).collectList().flatMap(cql::loggedBatch);
                    })
                    .then(events.granted(userId, perm.value()))
                    .doOnSuccess(done -> ctx.authorize(UserId.of(userId)));
        });
    }

    /** The user's authorizations in this DC. */
    public Flux<StoredAuthorization> list(long userId) {
        return cql.rows(SELECT, userId).map(Authorizations::authorization);
    }

    /** Ends one authorization; {@code reason} (the TL method that ended it) travels with the event. */
    public Mono<Void> end(long userId, long authKeyId, String reason) {
        return Flux.concat(cql.bind(DELETE, userId, authKeyId), cql.bind(SET_KEY_USER, 0L, authKeyId))
                .collectList()
                .flatMap(cql::loggedBatch)
                .then(Mono.defer(() -> events.reset(userId, authKeyId, reason)));
    }

    private long newHash() {
        long hash;
        do {
            hash = random.nextLong();
        } while (hash == 0);
        return hash;
    }

    private static StoredAuthorization authorization(Row row) {
        return new StoredAuthorization(row.getLong("user_id"), row.getLong("auth_key_id"), row.getLong("hash"),
                row.getInt("api_id"), row.getString("app_name"), row.getString("app_version"),
                row.getString("device_model"), row.getString("system_version"), row.getString("lang_code"),
                row.getString("ip"), row.getInstant("created_at"), row.getInstant("active_at"));
    }
}
