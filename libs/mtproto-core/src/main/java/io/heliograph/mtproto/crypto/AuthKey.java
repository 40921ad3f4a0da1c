package io.heliograph.mtproto.crypto;

import java.security.MessageDigest;

/**
 * A 2048-bit authorization key with its {@code auth_key_id} (SHA-1 bytes 12..20, little-endian) and
 * {@code auth_key_aux_hash} (SHA-1 bytes 0..8, little-endian). The key array is shared, not copied on access: callers
 * must not modify it.
 *
 * @see <a href="https://core.telegram.org/mtproto/auth_key">Creating an Authorization Key</a>
 */
public record AuthKey(byte[] key, long id, long auxHash) {

    public static final int LENGTH = 256;

    /** Checks the length and that {@code id} and {@code auxHash} belong to {@code key}; prefer {@link #of}. */
    public AuthKey {
        if (key.length != LENGTH) {
            throw new IllegalArgumentException("auth key must be 256 bytes, got " + key.length);
        }
        key = key.clone();
        byte[] sha1 = Hashes.sha1(key);
        if (id != Bytes.getLongLE(sha1, 12) || auxHash != Bytes.getLongLE(sha1, 0)) {
            throw new IllegalArgumentException("auth key id or aux hash does not match the key");
        }
    }

    /** The key for these 256 bytes (copied), with its id and aux hash computed. */
    public static AuthKey of(byte[] key) {
        if (key.length != LENGTH) {
            throw new IllegalArgumentException("auth key must be 256 bytes, got " + key.length);
        }
        byte[] sha1 = Hashes.sha1(key);
        return new AuthKey(key, Bytes.getLongLE(sha1, 12), Bytes.getLongLE(sha1, 0));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthKey other && MessageDigest.isEqual(key, other.key);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "AuthKey[id=" + Long.toHexString(id) + "]";
    }
}
