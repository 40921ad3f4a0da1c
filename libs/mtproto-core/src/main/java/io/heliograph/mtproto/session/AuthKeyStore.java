package io.heliograph.mtproto.session;

import io.heliograph.mtproto.crypto.AuthKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where created auth keys live. The gateway backs it with the session service; {@link #inMemory()} serves tests and
 * temporary keys (which the protocol keeps in memory only).
 */
public interface AuthKeyStore {

    /**
     * A registered key: temporary keys carry their expiry (epoch seconds, permanent ones 0) and, once
     * {@code auth.bindTempAuthKey} succeeded, the permanent key they stand for.
     */
    record Entry(AuthKey key, boolean temporary, long expiresAt, int dc, long boundPermKeyId) {

        public Entry(AuthKey key, boolean temporary, long expiresAt, int dc) {
            this(key, temporary, expiresAt, dc, 0);
        }

        /** The permanent key whose identity this key carries: itself, its bound key, or 0 for an unbound temporary key. */
        public long permKeyId() {
            return temporary ? boundPermKeyId : key.id();
        }

        public Entry boundTo(long permKeyId) {
            return new Entry(key, temporary, expiresAt, dc, permKeyId);
        }
    }

    /** The key if this store holds it locally, else null (then {@link #load} asks further). */
    Entry get(long authKeyId);

    void put(Entry entry);

    /**
     * Looks up a key not held locally (one another server instance registered); completes with null when it is
     * unknown. The connection reads nothing further until it completes.
     */
    default java.util.concurrent.CompletionStage<Entry> load(long authKeyId) {
        return java.util.concurrent.CompletableFuture.completedFuture(get(authKeyId));
    }

    /**
     * Registers a new key, or a temporary key's binding, and completes when it is durable: the handshake's last
     * answer and the binding's result wait for it, so a client never uses a key the DC could forget.
     */
    default java.util.concurrent.CompletionStage<Void> register(Entry entry) {
        put(entry);
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /**
     * What the key's client last said in invokeWithLayer + initConnection (possibly on another server instance), to
     * start its new sessions with; null when unknown. Must answer from memory.
     */
    default Connection connection(long authKeyId) {
        return null;
    }

    /** A client's layer and initConnection fields, remembered per auth key. */
    record Connection(int layer, ClientInfo client) {
    }

    /** Forgets a key (destroy_auth_key); later messages under it get transport error -404. */
    void remove(long authKeyId);

    static AuthKeyStore inMemory() {
        Map<Long, Entry> keys = new ConcurrentHashMap<>();
        return new AuthKeyStore() {
            @Override
            public Entry get(long authKeyId) {
                return keys.get(authKeyId);
            }

            @Override
            public void put(Entry entry) {
                keys.put(entry.key().id(), entry);
            }

            @Override
            public void remove(long authKeyId) {
                keys.remove(authKeyId);
            }
        };
    }
}
