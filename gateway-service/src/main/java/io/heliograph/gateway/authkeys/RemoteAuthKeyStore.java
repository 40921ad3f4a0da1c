package io.heliograph.gateway.authkeys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.heliograph.mtproto.crypto.AuthKey;
import io.heliograph.mtproto.session.AuthKeyStore;
import io.heliograph.mtproto.session.ClientInfo;
import io.heliograph.platform.rpc.AuthKeyRecord;
import io.heliograph.platform.rpc.ConnectionRecord;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * Auth keys as the gateway sees them: a local cache in front of the session service, which owns them. New keys and
 * bindings are registered there before the client may use them; a key this instance has not seen (created on another
 * instance of the DC) is loaded from there. It also remembers which user each permanent key is authorized as.
 */
public final class RemoteAuthKeyStore implements AuthKeyStore {

    private static final Logger log = LoggerFactory.getLogger(RemoteAuthKeyStore.class);
    private static final String PATH = "/internal/auth-keys/{id}";

    private final WebClient session;
    private final int dc;
    private final Duration timeout;
    private final Cache<Long, Entry> keys;
    private final Cache<Long, Long> users;
    private final Cache<Long, Connection> connections;
    private volatile java.util.function.LongConsumer authorizationListener = id -> { };

    /**
     * @param session the session service, or null to keep keys in this process only (a single-instance setup)
     * @param dc the DC this gateway serves, which owns the keys it makes
     */
    public RemoteAuthKeyStore(WebClient session, int dc, Duration timeout, long maxCached) {
        this.session = session;
        this.dc = dc;
        this.timeout = timeout;
        this.keys = Caffeine.newBuilder().maximumSize(maxCached).expireAfterAccess(Duration.ofHours(6)).build();
        this.users = Caffeine.newBuilder().maximumSize(maxCached).expireAfterAccess(Duration.ofHours(6)).build();
        this.connections = Caffeine.newBuilder().maximumSize(maxCached).expireAfterAccess(Duration.ofHours(6)).build();
    }

    @Override
    public Entry get(long authKeyId) {
        return keys.getIfPresent(authKeyId);
    }

    @Override
    public void put(Entry entry) {
        keys.put(entry.key().id(), entry);
    }

    @Override
    public CompletionStage<Entry> load(long authKeyId) {
        if (session == null) {
            return CompletableFuture.completedFuture(get(authKeyId));
        }
        Mono<Entry> key = session.get().uri(PATH, Long.toString(authKeyId)).retrieve()
                .bodyToMono(AuthKeyRecord.class)
                .map(this::cache)
                .onErrorResume(WebClientResponseException.class,
                        e -> e.getStatusCode() == HttpStatus.NOT_FOUND ? Mono.empty() : Mono.error(e));
        // the key's last initConnection, fetched beside it; a key may have none yet
        Mono<Boolean> connection = session.get().uri(PATH + "/connection", Long.toString(authKeyId)).retrieve()
                .bodyToMono(ConnectionRecord.class)
                .doOnNext(c -> connections.put(authKeyId, toConnection(c)))
                .map(c -> true)
                .onErrorResume(e -> Mono.just(false))
                .defaultIfEmpty(false);
        return Mono.zip(key.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()), connection)
                .flatMap(t -> Mono.justOrEmpty(t.getT1()))
                .timeout(timeout)
                .toFuture();
    }

    private Entry cache(AuthKeyRecord r) {
        Entry e = new Entry(AuthKey.of(Base64.getDecoder().decode(r.authKey())), r.temporary(), r.expiresAt(), r.dc(),
                r.permAuthKeyId());
        keys.put(r.authKeyId(), e);
        long perm = e.permKeyId();
        if (perm != 0) {
            users.put(perm, r.userId());
        }
        return e;
    }

    @Override
    public CompletionStage<Void> register(Entry entry) {
        put(entry);
        if (session == null) {
            return CompletableFuture.completedFuture(null);
        }
        // the key belongs to the DC whose gateway made it, whatever the client put in p_q_inner_data (GramJS sends no
        // DC at all, media keys a negative one)
        AuthKeyRecord record = new AuthKeyRecord(entry.key().id(), Base64.getEncoder().encodeToString(entry.key().key()),
                entry.temporary(), entry.expiresAt(), dc, entry.boundPermKeyId(), 0);
        return session.put().uri(PATH, Long.toString(entry.key().id())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(record).retrieve().toBodilessEntity().timeout(timeout).then().toFuture();
    }

    @Override
    public void remove(long authKeyId) {
        keys.invalidate(authKeyId);
        users.invalidate(authKeyId);
        if (session != null) {
            session.delete().uri(PATH, Long.toString(authKeyId)).retrieve().toBodilessEntity().timeout(timeout)
                    .subscribe(ok -> { }, e -> log.warn("could not forget auth key {} at the session service: {}", authKeyId, e.toString()));
        }
    }

    /** The user a permanent key is authorized as, as last seen; 0 before login. */
    public long userOf(long permAuthKeyId) {
        Long u = users.getIfPresent(permAuthKeyId);
        return u == null ? 0 : u;
    }

    /** The owning service changed the key's authorization (login, logout). */
    public void authorized(long permAuthKeyId, long userId) {
        Long before = users.getIfPresent(permAuthKeyId);
        users.put(permAuthKeyId, userId);
        if (before == null || before != userId) {
            authorizationListener.accept(permAuthKeyId);
        }
    }

    /** Called with the permanent key id whenever a key's authorization changes. */
    public void onAuthorizationChange(java.util.function.LongConsumer listener) {
        this.authorizationListener = listener;
    }

    @Override
    public Connection connection(long authKeyId) {
        return connections.getIfPresent(authKeyId);
    }

    private static Connection toConnection(ConnectionRecord c) {
        return new Connection(c.layer(), new ClientInfo(c.apiId(), c.deviceModel(), c.systemVersion(), c.appVersion(),
                c.systemLangCode(), c.langPack(), c.langCode()));
    }

    /** Remembers invokeWithLayer + initConnection for the key, here and at the session service for other instances. */
    public void rememberConnection(long authKeyId, ConnectionRecord connection) {
        connections.put(authKeyId, toConnection(connection));
        if (session == null) {
            return;
        }
        session.put().uri(PATH + "/connection", Long.toString(authKeyId)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(connection).retrieve().toBodilessEntity().timeout(timeout)
                .subscribe(ok -> { }, e -> log.debug("could not store the connection of auth key {}: {}", authKeyId, e.toString()));
    }

    public long cachedKeys() {
        return keys.estimatedSize();
    }
}
