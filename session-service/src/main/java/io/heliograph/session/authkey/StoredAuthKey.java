package io.heliograph.session.authkey;

import io.heliograph.platform.rpc.AuthKeyId;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * A row of {@code auth_keys}. {@code expiresAt} is null for a permanent key; {@code permAuthKeyId} is
 * {@link AuthKeyId#NONE} unless a temporary key is bound; {@code userId} 0 before login.
 */
record StoredAuthKey(AuthKeyId id, byte[] key, boolean temporary, AuthKeyId permAuthKeyId, long userId,
        Instant createdAt, Instant expiresAt) {

    boolean sameKey(byte[] other) {
        return MessageDigest.isEqual(key, other);
    }

    boolean expired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    @Override
    public String toString() {
        return "StoredAuthKey[id=" + id + ", temporary=" + temporary + ", perm=" + permAuthKeyId + "]";
    }
}
