package io.heliograph.mtproto.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A streaming AES-256-CTR cipher for the obfuscated transport: each {@code update} continues the keystream where the
 * previous one stopped, whatever the chunk sizes. Encryption and decryption are the same operation. Not thread-safe.
 *
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports#transport-obfuscation">Transport obfuscation</a>
 */
public final class AesCtr {

    public static final int KEY_LENGTH = 32;
    public static final int IV_LENGTH = 16;

    private final Cipher cipher;

    public AesCtr(byte[] key, byte[] iv) {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("AES-256 key must be 32 bytes, got " + key.length);
        }
        if (iv.length != IV_LENGTH) {
            throw new IllegalArgumentException("CTR iv must be 16 bytes, got " + iv.length);
        }
        try {
            cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR/NoPadding unavailable", e);
        }
    }

    public byte[] update(byte[] data) {
        byte[] out = new byte[data.length];
        update(data, 0, data.length, out, 0);
        return out;
    }

    /** Transforms {@code in[inOff, inOff+len)} into {@code out[outOff...]}; in place is allowed. */
    public void update(byte[] in, int inOff, int len, byte[] out, int outOff) {
        Objects.checkFromIndexSize(inOff, len, in.length);
        Objects.checkFromIndexSize(outOff, len, out.length);
        try {
            int n = cipher.update(in, inOff, len, out, outOff);
            if (n != len) {
                throw new IllegalStateException("CTR produced " + n + " of " + len + " bytes");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Transforms all remaining bytes of {@code in} into {@code out}, advancing both; for in-place use pass two views of
     * one buffer (e.g. {@code buf} and {@code buf.duplicate()}).
     */
    public void update(ByteBuffer in, ByteBuffer out) {
        int len = in.remaining();
        try {
            int n = cipher.update(in, out);
            if (n != len) {
                throw new IllegalStateException("CTR produced " + n + " of " + len + " bytes");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
