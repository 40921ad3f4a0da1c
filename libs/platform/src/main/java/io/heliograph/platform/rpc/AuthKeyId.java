package io.heliograph.platform.rpc;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * An {@code auth_key_id}: the low 64 bits of SHA-1 of the 256-byte key, i.e. SHA-1 bytes 12..19 read little-endian.
 * {@link #NONE} (0) stands for "no key", e.g. the permanent key of an unbound temporary key.
 *
 * @see <a href="https://core.telegram.org/mtproto/description#key-identifier-auth-key-id">Key identifier</a>
 */
public record AuthKeyId(long value) {

    public static final AuthKeyId NONE = new AuthKeyId(0);
    /** An auth key is 2048 bits. */
    public static final int KEY_LENGTH = 256;

    public static AuthKeyId of(long value) {
        return new AuthKeyId(value);
    }

    /** The id of {@code key}, which must be {@value #KEY_LENGTH} bytes. */
    public static AuthKeyId forKey(byte[] key) {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("auth key must be " + KEY_LENGTH + " bytes, got " + key.length);
        }
        byte[] sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1").digest(key);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-1", e);
        }
        long id = 0;
        for (int i = 19; i >= 12; i--) {
            id = (id << 8) | (sha1[i] & 0xff);
        }
        return new AuthKeyId(id);
    }

    public boolean isNone() {
        return value == 0;
    }

    @Override
    public String toString() {
        return "0x" + Long.toHexString(value);
    }
}
