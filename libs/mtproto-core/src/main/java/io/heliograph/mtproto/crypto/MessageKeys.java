package io.heliograph.mtproto.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * The MTProto 2.0 key derivation: {@code msg_key} from the auth key and the padded plaintext, and the AES-256-IGE key
 * and IV from the auth key and {@code msg_key}. {@code x} is 0 for client-to-server messages and 8 for
 * server-to-client ones.
 *
 * @see <a href="https://core.telegram.org/mtproto/description#defining-aes-key-and-initialization-vector">MTProto: AES key and IV</a>
 */
public record MessageKeys(byte[] aesKey, byte[] aesIv) {

    public static final int CLIENT_TO_SERVER = 0;
    public static final int SERVER_TO_CLIENT = 8;
    public static final int MSG_KEY_LENGTH = 16;

    public MessageKeys {
        if (aesKey.length != AesIge.KEY_LENGTH || aesIv.length != AesIge.IV_LENGTH) {
            throw new IllegalArgumentException("aes_key and aes_iv must be 32 bytes each");
        }
    }

    public static MessageKeys derive(AuthKey authKey, byte[] msgKey, int x) {
        if (msgKey.length != MSG_KEY_LENGTH) {
            throw new IllegalArgumentException("msg_key must be 16 bytes, got " + msgKey.length);
        }
        return derive(authKey, msgKey, 0, x);
    }

    /** Derives aes_key and aes_iv from the 16-byte msg_key at {@code msgKey[msgKeyOff]}. */
    public static MessageKeys derive(AuthKey authKey, byte[] msgKey, int msgKeyOff, int x) {
        checkX(x);
        Objects.checkFromIndexSize(msgKeyOff, MSG_KEY_LENGTH, msgKey.length);
        byte[] k = authKey.key();
        byte[] a = Hashes.sha256(msgKey, msgKeyOff, MSG_KEY_LENGTH, k, x, 36);
        byte[] b = Hashes.sha256(k, 40 + x, 36, msgKey, msgKeyOff, MSG_KEY_LENGTH);
        byte[] key = new byte[32];
        System.arraycopy(a, 0, key, 0, 8);
        System.arraycopy(b, 8, key, 8, 16);
        System.arraycopy(a, 24, key, 24, 8);
        byte[] iv = new byte[32];
        System.arraycopy(b, 0, iv, 0, 8);
        System.arraycopy(a, 8, iv, 8, 16);
        System.arraycopy(b, 24, iv, 24, 8);
        return new MessageKeys(key, iv);
    }

    /** msg_key = SHA256(auth_key[88+x, 120+x) + plaintext)[8, 24), over the plaintext including its padding. */
    public static byte[] msgKey(AuthKey authKey, int x, byte[] plaintext, int off, int len) {
        byte[] large = new byte[Hashes.SHA256_LENGTH];
        msgKeyLarge(authKey, x, plaintext, off, len, large);
        return Arrays.copyOfRange(large, 8, 8 + MSG_KEY_LENGTH);
    }

    /** Writes msg_key_large (32 bytes) into {@code out}; msg_key is its bytes 8..24. */
    /**
     * The quick-ack token for a decrypted client message: the first 32 bits of msg_key_large (SHA-256 over
     * auth_key[88..120] and the plaintext), read little-endian, with the top bit set.
     *
     * @see <a href="https://core.telegram.org/mtproto/mtproto-transports#quick-ack">Quick ack</a>
     */
    public static int quickAckToken(AuthKey authKey, byte[] plaintext, int off, int len) {
        byte[] large = new byte[32];
        msgKeyLarge(authKey, CLIENT_TO_SERVER, plaintext, off, len, large);
        return ((large[0] & 0xff) | (large[1] & 0xff) << 8 | (large[2] & 0xff) << 16 | (large[3] & 0xff) << 24) | 0x80000000;
    }

    static void msgKeyLarge(AuthKey authKey, int x, byte[] plaintext, int off, int len, byte[] out) {
        checkX(x);
        Hashes.sha256(authKey.key(), 88 + x, 32, plaintext, off, len, out, 0);
    }

    static void checkX(int x) {
        if (x != CLIENT_TO_SERVER && x != SERVER_TO_CLIENT) {
            throw new IllegalArgumentException("x must be 0 (client to server) or 8 (server to client), got " + x);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageKeys other && Arrays.equals(aesKey, other.aesKey) && Arrays.equals(aesIv, other.aesIv);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(aesKey) + Arrays.hashCode(aesIv);
    }

    @Override
    public String toString() {
        return "MessageKeys[redacted]";
    }
}
