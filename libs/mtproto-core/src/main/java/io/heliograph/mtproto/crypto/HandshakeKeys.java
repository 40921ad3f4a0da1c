package io.heliograph.mtproto.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * The temporary AES-IGE key and IV that protect {@code server_DH_inner_data} and {@code client_DH_inner_data}, derived
 * from {@code new_nonce} and {@code server_nonce}, with the other nonce-derived values of the handshake:
 * {@code new_nonce_hash1..3} and the first server salt.
 *
 * @see <a href="https://core.telegram.org/mtproto/auth_key">Creating an Authorization Key</a>
 * @see <a href="https://core.telegram.org/mtproto/samples-auth_key">Auth key generation example</a>
 */
public record HandshakeKeys(byte[] tmpAesKey, byte[] tmpAesIv) {

    public static final int NEW_NONCE_LENGTH = 32;
    public static final int SERVER_NONCE_LENGTH = 16;
    /** The answer or client data starts after its SHA-1. */
    public static final int DATA_OFFSET = Hashes.SHA1_LENGTH;

    public HandshakeKeys {
        if (tmpAesKey.length != AesIge.KEY_LENGTH || tmpAesIv.length != AesIge.IV_LENGTH) {
            throw new IllegalArgumentException("tmp_aes_key and tmp_aes_iv must be 32 bytes each");
        }
    }

    /**
     * {@code tmp_aes_key = SHA1(new_nonce + server_nonce) + SHA1(server_nonce + new_nonce)[0, 12)};
     * {@code tmp_aes_iv = SHA1(server_nonce + new_nonce)[12, 20) + SHA1(new_nonce + new_nonce) + new_nonce[0, 4)}.
     */
    public static HandshakeKeys derive(byte[] serverNonce, byte[] newNonce) {
        checkNonces(serverNonce, newNonce);
        byte[] nnSn = Hashes.sha1(newNonce, serverNonce);
        byte[] snNn = Hashes.sha1(serverNonce, newNonce);
        byte[] nnNn = Hashes.sha1(newNonce, newNonce);
        byte[] key = new byte[32];
        System.arraycopy(nnSn, 0, key, 0, 20);
        System.arraycopy(snNn, 0, key, 20, 12);
        byte[] iv = new byte[32];
        System.arraycopy(snNn, 12, iv, 0, 8);
        System.arraycopy(nnNn, 0, iv, 8, 20);
        System.arraycopy(newNonce, 0, iv, 28, 4);
        return new HandshakeKeys(key, iv);
    }

    /** {@code encrypted_answer}: {@code SHA1(answer) + answer + 0..15 random bytes}, AES-IGE encrypted. */
    public byte[] encryptAnswer(byte[] answer, SecureRandom random) {
        int unpadded = DATA_OFFSET + answer.length;
        byte[] buf = new byte[(unpadded + 15) / 16 * 16];
        System.arraycopy(Hashes.sha1(answer), 0, buf, 0, DATA_OFFSET);
        System.arraycopy(answer, 0, buf, DATA_OFFSET, answer.length);
        byte[] padding = new byte[buf.length - unpadded];
        random.nextBytes(padding);
        System.arraycopy(padding, 0, buf, unpadded, padding.length);
        AesIge.encrypt(tmpAesKey, tmpAesIv, buf, 0, buf.length, buf, 0);
        return buf;
    }

    /**
     * Decrypts {@code set_client_DH_params.encrypted_data} to {@code SHA1(data) + data + padding}; empty when its
     * length is not whole blocks. Parse the TL object at {@link #DATA_OFFSET}, then call {@link #verifyHash}.
     */
    public Optional<byte[]> decrypt(byte[] encryptedData) {
        if (encryptedData.length < 32 || encryptedData.length % 16 != 0) {
            return Optional.empty();
        }
        return Optional.of(AesIge.decrypt(tmpAesKey, tmpAesIv, encryptedData));
    }

    /**
     * True when the SHA-1 prefix covers exactly the {@code consumed} bytes the TL parser read and the padding after
     * them is 0..15 bytes; the hash is compared in constant time.
     */
    public static boolean verifyHash(byte[] dataWithHash, int consumed) {
        int padding = dataWithHash.length - DATA_OFFSET - consumed;
        return consumed > 0 && padding < 16 && Hashes.sha1PrefixMatches(dataWithHash, consumed);
    }

    /**
     * {@code new_nonce_hash1..3}: the low 128 bits of {@code SHA1(new_nonce + [number] + auth_key_aux_hash)}, where
     * number is 1 for {@code dh_gen_ok}, 2 for {@code dh_gen_retry} and 3 for {@code dh_gen_fail}.
     */
    public static byte[] newNonceHash(byte[] newNonce, AuthKey authKey, int number) {
        if (newNonce.length != NEW_NONCE_LENGTH) {
            throw new IllegalArgumentException("new_nonce must be 32 bytes, got " + newNonce.length);
        }
        if (number < 1 || number > 3) {
            throw new IllegalArgumentException("number must be 1, 2 or 3, got " + number);
        }
        byte[] input = new byte[NEW_NONCE_LENGTH + 1 + 8];
        System.arraycopy(newNonce, 0, input, 0, NEW_NONCE_LENGTH);
        input[NEW_NONCE_LENGTH] = (byte) number;
        Bytes.putLongLE(input, NEW_NONCE_LENGTH + 1, authKey.auxHash());
        byte[] sha1 = Hashes.sha1(input);
        return Arrays.copyOfRange(sha1, 4, 20);
    }

    /** The first server salt: {@code new_nonce[0, 8) XOR server_nonce[0, 8)}, read as a little-endian long. */
    public static long serverSalt(byte[] newNonce, byte[] serverNonce) {
        checkNonces(serverNonce, newNonce);
        return Bytes.getLongLE(newNonce, 0) ^ Bytes.getLongLE(serverNonce, 0);
    }

    private static void checkNonces(byte[] serverNonce, byte[] newNonce) {
        if (serverNonce.length != SERVER_NONCE_LENGTH || newNonce.length != NEW_NONCE_LENGTH) {
            throw new IllegalArgumentException("server_nonce must be 16 bytes and new_nonce 32, got "
                    + serverNonce.length + " and " + newNonce.length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HandshakeKeys other
                && Arrays.equals(tmpAesKey, other.tmpAesKey) && Arrays.equals(tmpAesIv, other.tmpAesIv);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(tmpAesKey) + Arrays.hashCode(tmpAesIv);
    }

    @Override
    public String toString() {
        return "HandshakeKeys[redacted]";
    }
}
