package io.heliograph.mtproto.crypto;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256 in IGE mode with Telegram's IV layout: the 32-byte IV is the previous ciphertext block (bytes 0..16)
 * followed by the previous plaintext block (bytes 16..32).
 *
 * @see <a href="https://core.telegram.org/mtproto/description#defining-aes-key-and-initialization-vector">MTProto: AES key and IV</a>
 */
public final class AesIge {

    public static final int KEY_LENGTH = 32;
    public static final int IV_LENGTH = 32;
    public static final int BLOCK = 16;

    private static final ThreadLocal<Engines> ENGINES = ThreadLocal.withInitial(Engines::new);

    private AesIge() {
    }

    public static byte[] encrypt(byte[] key, byte[] iv, byte[] data) {
        byte[] out = new byte[data.length];
        encrypt(key, iv, data, 0, data.length, out, 0);
        return out;
    }

    public static byte[] decrypt(byte[] key, byte[] iv, byte[] data) {
        byte[] out = new byte[data.length];
        decrypt(key, iv, data, 0, data.length, out, 0);
        return out;
    }

    /**
     * Encrypts {@code in[inOff, inOff+len)} into {@code out[outOff...]}; {@code len} must be a multiple of 16. The
     * output may be the input itself (same array and offset) but must not otherwise overlap it.
     */
    public static void encrypt(byte[] key, byte[] iv, byte[] in, int inOff, int len, byte[] out, int outOff) {
        check(key, iv, in, inOff, len, out, outOff);
        Engines e = ENGINES.get();
        Cipher aes = e.init(e.encrypt, Cipher.ENCRYPT_MODE, key);
        long y0 = Bytes.getLongLE(iv, 0);
        long y1 = Bytes.getLongLE(iv, 8);
        long x0 = Bytes.getLongLE(iv, 16);
        long x1 = Bytes.getLongLE(iv, 24);
        for (int i = 0; i < len; i += BLOCK) {
            long p0 = Bytes.getLongLE(in, inOff + i);
            long p1 = Bytes.getLongLE(in, inOff + i + 8);
            Bytes.putLongLE(e.a, 0, p0 ^ y0);
            Bytes.putLongLE(e.a, 8, p1 ^ y1);
            e.block(aes);
            y0 = Bytes.getLongLE(e.b, 0) ^ x0;
            y1 = Bytes.getLongLE(e.b, 8) ^ x1;
            Bytes.putLongLE(out, outOff + i, y0);
            Bytes.putLongLE(out, outOff + i + 8, y1);
            x0 = p0;
            x1 = p1;
        }
    }

    /** Decrypts; the same rules as {@link #encrypt(byte[], byte[], byte[], int, int, byte[], int)} apply. */
    public static void decrypt(byte[] key, byte[] iv, byte[] in, int inOff, int len, byte[] out, int outOff) {
        check(key, iv, in, inOff, len, out, outOff);
        Engines e = ENGINES.get();
        Cipher aes = e.init(e.decrypt, Cipher.DECRYPT_MODE, key);
        long y0 = Bytes.getLongLE(iv, 0);
        long y1 = Bytes.getLongLE(iv, 8);
        long x0 = Bytes.getLongLE(iv, 16);
        long x1 = Bytes.getLongLE(iv, 24);
        for (int i = 0; i < len; i += BLOCK) {
            long c0 = Bytes.getLongLE(in, inOff + i);
            long c1 = Bytes.getLongLE(in, inOff + i + 8);
            Bytes.putLongLE(e.a, 0, c0 ^ x0);
            Bytes.putLongLE(e.a, 8, c1 ^ x1);
            e.block(aes);
            x0 = Bytes.getLongLE(e.b, 0) ^ y0;
            x1 = Bytes.getLongLE(e.b, 8) ^ y1;
            Bytes.putLongLE(out, outOff + i, x0);
            Bytes.putLongLE(out, outOff + i + 8, x1);
            y0 = c0;
            y1 = c1;
        }
    }

    private static void check(byte[] key, byte[] iv, byte[] in, int inOff, int len, byte[] out, int outOff) {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("AES-256 key must be 32 bytes, got " + key.length);
        }
        if (iv.length != IV_LENGTH) {
            throw new IllegalArgumentException("IGE iv must be 32 bytes, got " + iv.length);
        }
        if (len % BLOCK != 0) {
            throw new IllegalArgumentException("IGE length must be a multiple of 16, got " + len);
        }
        Objects.checkFromIndexSize(inOff, len, in.length);
        Objects.checkFromIndexSize(outOff, len, out.length);
    }

    /** One ECB cipher per direction and two block buffers, so a block never passes through the cipher in place. */
    private static final class Engines {
        final Cipher encrypt = ecb();
        final Cipher decrypt = ecb();
        final byte[] a = new byte[BLOCK];
        final byte[] b = new byte[BLOCK];

        Cipher init(Cipher cipher, int mode, byte[] key) {
            try {
                cipher.init(mode, new SecretKeySpec(key, "AES"));
                return cipher;
            } catch (GeneralSecurityException ex) {
                throw new IllegalStateException("AES-256 unavailable", ex);
            }
        }

        void block(Cipher cipher) {
            try {
                cipher.update(a, 0, BLOCK, b, 0);
            } catch (GeneralSecurityException ex) {
                throw new IllegalStateException(ex);
            }
        }

        private static Cipher ecb() {
            try {
                return Cipher.getInstance("AES/ECB/NoPadding");
            } catch (GeneralSecurityException ex) {
                throw new IllegalStateException("AES/ECB/NoPadding unavailable", ex);
            }
        }
    }
}
