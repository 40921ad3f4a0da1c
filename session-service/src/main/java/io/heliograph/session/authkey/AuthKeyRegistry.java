package io.heliograph.session.authkey;

import io.heliograph.platform.DcContext;
import io.heliograph.platform.rpc.AuthKeyId;
import io.heliograph.platform.rpc.AuthKeyRecord;
import io.heliograph.platform.rpc.ConnectionRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The auth keys of this DC, which gateways register when a handshake creates one and look up on a cache miss, so a
 * client keeps its key on any gateway instance of the DC. Validates everything before it writes; re-registering a
 * key is idempotent, and a temporary key's rows expire with it.
 *
 * @see <a href="https://core.telegram.org/mtproto/auth_key">Creating an Authorization Key</a>
 * @see <a href="https://core.telegram.org/api/pfs">Perfect Forward Secrecy</a>
 */
@Service
public class AuthKeyRegistry {

    /** The longest a temporary key may be registered for. */
    public static final Duration MAX_TEMPORARY_LIFETIME = Duration.ofDays(365);

    private final AuthKeyStore store;
    private final DcContext dc;
    private final Clock clock;

    AuthKeyRegistry(AuthKeyStore store, DcContext dc, Clock clock) {
        this.store = store;
        this.dc = dc;
        this.clock = clock;
    }

    /** A key, validated and decoded. */
    private record Registration(AuthKeyId id, byte[] key, boolean temporary, Instant expiresAt, AuthKeyId perm) {
    }

    /**
     * Registers {@code record} under {@code pathId}, or re-registers it (no write unless the binding changes). A
     * temporary key with a {@code permAuthKeyId} is bound to that permanent key; 0 leaves an existing binding as is.
     */
    public Mono<Void> register(String pathId, AuthKeyRecord record) {
        return Mono.defer(() -> {
            Registration r = validate(parseId(pathId), record);
            Mono<Optional<StoredAuthKey>> perm = r.perm().isNone() ? Mono.just(Optional.empty())
                    : store.find(r.perm()).map(Optional::of).defaultIfEmpty(Optional.empty());
            Mono<Optional<StoredAuthKey>> existing = store.find(r.id()).map(Optional::of).defaultIfEmpty(Optional.empty());
            return Mono.zip(existing, perm).flatMap(found -> {
                if (!r.perm().isNone()) {
                    requirePermanent(r.perm(), found.getT2());
                }
                return found.getT1().isPresent() ? reregister(r, found.getT1().get()) : insert(r);
            });
        });
    }

    /** The key with the user its permanent key is authorized as; empty if unknown or expired. */
    public Mono<AuthKeyRecord> find(String pathId) {
        return Mono.defer(() -> find(parseId(pathId)));
    }

    /** The key with the user its permanent key is authorized as; empty if unknown or expired. */
    public Mono<AuthKeyRecord> find(AuthKeyId id) {
        return live(id).flatMap(key -> {
            if (!key.temporary() || key.permAuthKeyId().isNone()) {
                return Mono.just(record(key, key.userId()));
            }
            return store.find(key.permAuthKeyId())
                    .map(perm -> record(key, perm.userId()))
                    .defaultIfEmpty(record(key, 0));
        });
    }

    /** Forgets the key and its connection (destroy_auth_key); forgetting an unknown key is not an error. */
    public Mono<Void> delete(String pathId) {
        return Mono.defer(() -> store.delete(parseId(pathId)));
    }

    /** Remembers what initConnection said under the key; the row expires with a temporary key. */
    public Mono<Void> saveConnection(String pathId, ConnectionRecord connection) {
        return Mono.defer(() -> {
            AuthKeyId id = parseId(pathId);
            if (connection == null) {
                throw RegistryError.BODY_INVALID.exception("a ConnectionRecord JSON body is required");
            }
            try {
                connection.validate();
            } catch (IllegalArgumentException e) {
                throw RegistryError.CONNECTION_INVALID.exception(e.getMessage());
            }
            return live(id).switchIfEmpty(Mono.error(() -> notFound(id))).flatMap(key -> {
                Instant now = clock.instant();
                Duration ttl = key.temporary() ? Duration.between(now, key.expiresAt()) : Duration.ZERO;
                return store.saveConnection(id, connection, now, ttl);
            });
        });
    }

    public Mono<ConnectionRecord> findConnection(String pathId) {
        return Mono.defer(() -> {
            AuthKeyId id = parseId(pathId);
            return live(id).switchIfEmpty(Mono.error(() -> notFound(id)))
                    .flatMap(key -> store.findConnection(id))
                    .switchIfEmpty(Mono.error(() -> RegistryError.CONNECTION_NOT_FOUND.exception(
                            "no connection recorded for auth key " + id.value())));
        });
    }

    private Mono<StoredAuthKey> live(AuthKeyId id) {
        return store.find(id).filter(key -> !key.expired(clock.instant()));
    }

    private Mono<Void> insert(Registration r) {
        Instant now = clock.instant();
        if (!r.temporary()) {
            return store.insertPermanent(r.id(), r.key(), now);
        }
        return store.insertTemporary(r.id(), r.key(), r.perm(), now, r.expiresAt(), Duration.between(now, r.expiresAt()));
    }

    private Mono<Void> reregister(Registration r, StoredAuthKey stored) {
        if (!stored.sameKey(r.key())) {
            throw RegistryError.AUTH_KEY_CONFLICT.exception("auth key " + r.id().value()
                    + " is registered with a different key");
        }
        if (stored.temporary() != r.temporary()
                || (r.temporary() && !r.expiresAt().equals(stored.expiresAt()))) {
            throw RegistryError.AUTH_KEY_CONFLICT.exception("auth key " + r.id().value() + " is registered as "
                    + describe(stored.temporary(), stored.expiresAt()) + ", not as "
                    + describe(r.temporary(), r.expiresAt()));
        }
        if (r.perm().isNone() || r.perm().equals(stored.permAuthKeyId())) {
            return Mono.empty();
        }
        return store.bind(r.id(), r.perm(), Duration.between(clock.instant(), stored.expiresAt()));
    }

    private void requirePermanent(AuthKeyId perm, Optional<StoredAuthKey> found) {
        if (found.isEmpty() || found.get().temporary()) {
            throw RegistryError.PERM_AUTH_KEY_INVALID.exception("permAuthKeyId " + perm.value()
                    + (found.isEmpty() ? " is not a registered key of " : " is a temporary key of ") + dc.dc());
        }
    }

    private Registration validate(AuthKeyId pathId, AuthKeyRecord record) {
        if (record == null) {
            throw RegistryError.BODY_INVALID.exception("an AuthKeyRecord JSON body is required");
        }
        if (record.authKeyId() != pathId.value()) {
            throw RegistryError.AUTH_KEY_INVALID.exception("authKeyId " + record.authKeyId()
                    + " in the body is not the id in the path, " + pathId.value());
        }
        if (record.authKey() == null || record.authKey().isEmpty()) {
            throw RegistryError.AUTH_KEY_INVALID.exception("authKey (base64 of the 256-byte key) is required");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(record.authKey());
        } catch (IllegalArgumentException e) {
            throw RegistryError.AUTH_KEY_INVALID.exception("authKey is not base64: " + e.getMessage());
        }
        if (key.length != AuthKeyId.KEY_LENGTH) {
            throw RegistryError.AUTH_KEY_INVALID.exception("authKey must be " + AuthKeyId.KEY_LENGTH + " bytes, got "
                    + key.length);
        }
        AuthKeyId computed = AuthKeyId.forKey(key);
        if (computed.value() != record.authKeyId()) {
            throw RegistryError.AUTH_KEY_INVALID.exception("authKeyId " + record.authKeyId()
                    + " is not the id of this key (the low 64 bits of its SHA-1 are " + computed.value() + ")");
        }
        if (record.dc() != dc.dc().value()) {
            throw RegistryError.DC_INVALID.exception("the key was made for dc" + record.dc() + ", this service serves "
                    + dc.dc());
        }
        AuthKeyId perm = AuthKeyId.of(record.permAuthKeyId());
        if (!record.temporary()) {
            if (record.expiresAt() != 0) {
                throw RegistryError.EXPIRES_AT_INVALID.exception("a permanent key has expiresAt 0, got "
                        + record.expiresAt());
            }
            if (!perm.isNone()) {
                throw RegistryError.PERM_AUTH_KEY_INVALID.exception("only a temporary key can be bound, "
                        + "this one is permanent");
            }
            return new Registration(computed, key, false, null, perm);
        }
        Instant now = clock.instant();
        Instant expiresAt = Instant.ofEpochSecond(Math.max(0, Math.min(record.expiresAt(), Instant.MAX.getEpochSecond())));
        if (!expiresAt.isAfter(now)) {
            throw RegistryError.EXPIRES_AT_INVALID.exception("a temporary key's expiresAt must be in the future, got "
                    + record.expiresAt() + " (now " + now.getEpochSecond() + ")");
        }
        if (expiresAt.isAfter(now.plus(MAX_TEMPORARY_LIFETIME))) {
            throw RegistryError.EXPIRES_AT_INVALID.exception("a temporary key may live at most "
                    + MAX_TEMPORARY_LIFETIME.toDays() + " days, expiresAt " + record.expiresAt() + " is later");
        }
        if (perm.equals(computed)) {
            throw RegistryError.PERM_AUTH_KEY_INVALID.exception("a key cannot be bound to itself");
        }
        return new Registration(computed, key, true, expiresAt, perm);
    }

    static AuthKeyId parseId(String pathId) {
        try {
            return AuthKeyId.of(Long.parseLong(pathId));
        } catch (NumberFormatException e) {
            throw RegistryError.AUTH_KEY_INVALID.exception("the auth key id in the path must be a signed decimal "
                    + "64-bit number, got '" + (pathId.length() > 40 ? pathId.substring(0, 40) + "..." : pathId) + "'");
        }
    }

    private RegistryException notFound(AuthKeyId id) {
        return RegistryError.AUTH_KEY_NOT_FOUND.exception("auth key " + id.value() + " is not registered in " + dc.dc()
                + " (or has expired)");
    }

    private AuthKeyRecord record(StoredAuthKey key, long userId) {
        return new AuthKeyRecord(key.id().value(), Base64.getEncoder().encodeToString(key.key()), key.temporary(),
                key.expiresAt() == null ? 0 : key.expiresAt().getEpochSecond(), dc.dc().value(),
                key.permAuthKeyId().value(), userId);
    }

    private static String describe(boolean temporary, Instant expiresAt) {
        return temporary ? "temporary until " + expiresAt.getEpochSecond() : "permanent";
    }
}
