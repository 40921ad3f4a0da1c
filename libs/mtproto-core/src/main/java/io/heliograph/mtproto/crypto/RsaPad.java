package io.heliograph.mtproto.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPrivateKey;
import java.util.Optional;
import javax.crypto.Cipher;

/**
 * The server side of {@code RSA_PAD}, the OAEP+-like scheme that protects {@code p_q_inner_data} in
 * {@code req_DH_params}: RSA decryption, then AES-IGE under a key hidden in the block, then a SHA-256 check.
 *
 * @see <a href="https://core.telegram.org/mtproto/auth_key#41-rsa-paddata-server-public-key-mentioned-above-is-implemented-as-follows">RSA_PAD</a>
 */
public final class RsaPad {

    public static final int MODULUS_BYTES = 256;
    /** Length of {@code data_with_padding}; the TL object starts at byte 0 and random padding follows it. */
    public static final int DATA_WITH_PADDING_LENGTH = 192;

    private static final int TEMP_KEY = 32;
    private static final int AES_ENCRYPTED = MODULUS_BYTES - TEMP_KEY;
    private static final byte[] ZERO_IV = new byte[AesIge.IV_LENGTH];
    private static final ThreadLocal<Cipher> RSA = ThreadLocal.withInitial(RsaPad::rsaCipher);

    private RsaPad() {
    }

    /** {@code data_with_padding} (192 bytes), or empty when the block is not a valid RSA_PAD encryption for this key. */
    public static Optional<byte[]> decrypt(RSAPrivateKey key, byte[] encryptedData) {
        return rsaDecrypt(key, encryptedData).flatMap(RsaPad::unpad);
    }

    /**
     * Raw RSA: {@code encryptedData^d mod n} as 256 big-endian bytes. Empty unless the key is 2048-bit and the input,
     * read as a big-endian number of at most 256 bytes, is below the modulus. Uses the JDK's blinded CRT private-key
     * operation. Shared by {@link RsaPad} and {@link RsaLegacy}, so a server can try both schemes with one RSA operation.
     */
    public static Optional<byte[]> rsaDecrypt(RSAPrivateKey key, byte[] encryptedData) {
        BigInteger n = key.getModulus();
        if (n.bitLength() != MODULUS_BYTES * 8 || encryptedData.length == 0 || encryptedData.length > MODULUS_BYTES
                || new BigInteger(1, encryptedData).compareTo(n) >= 0) {
            return Optional.empty();
        }
        byte[] m;
        try {
            Cipher rsa = RSA.get();
            rsa.init(Cipher.DECRYPT_MODE, key);
            m = rsa.doFinal(encryptedData);
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
        if (m.length != MODULUS_BYTES) {
            m = Bytes.toFixedBigEndian(new BigInteger(1, m), MODULUS_BYTES);
        }
        return Optional.of(m);
    }

    /** Undoes the padding of a raw-decrypted 256-byte {@code key_aes_encrypted}; empty when the SHA-256 check fails. */
    public static Optional<byte[]> unpad(byte[] keyAesEncrypted) {
        if (keyAesEncrypted.length != MODULUS_BYTES) {
            return Optional.empty();
        }
        byte[] tempKey = Hashes.sha256(keyAesEncrypted, TEMP_KEY, AES_ENCRYPTED);
        for (int i = 0; i < TEMP_KEY; i++) {
            tempKey[i] ^= keyAesEncrypted[i];
        }
        byte[] dataWithHash = new byte[AES_ENCRYPTED];
        AesIge.decrypt(tempKey, ZERO_IV, keyAesEncrypted, TEMP_KEY, AES_ENCRYPTED, dataWithHash, 0);
        byte[] dataWithPadding = Bytes.reverse(dataWithHash, 0, DATA_WITH_PADDING_LENGTH);
        byte[] hash = Hashes.sha256(tempKey, dataWithPadding);
        if (!ConstantTime.equals(hash, 0, dataWithHash, DATA_WITH_PADDING_LENGTH, Hashes.SHA256_LENGTH)) {
            return Optional.empty();
        }
        return Optional.of(dataWithPadding);
    }

    private static Cipher rsaCipher() {
        try {
            return Cipher.getInstance("RSA/ECB/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA/ECB/NoPadding unavailable", e);
        }
    }
}
