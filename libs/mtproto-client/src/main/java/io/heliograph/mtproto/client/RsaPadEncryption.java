package io.heliograph.mtproto.client;

import io.heliograph.mtproto.crypto.AesIge;
import io.heliograph.mtproto.crypto.Hashes;
import io.heliograph.mtproto.crypto.RsaPad;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;

/**
 * The client side of {@code RSA_PAD}, which {@link RsaPad} undoes on the server: the data padded to 192 bytes and
 * reversed, a SHA-256 under a random temporary key, AES-256-IGE with a zero IV, the temporary key masked with the
 * SHA-256 of the ciphertext, then raw RSA (redrawn while the block is not below the modulus).
 *
 * @see <a href="https://core.telegram.org/mtproto/auth_key#41-rsa-paddata-server-public-key-mentioned-above-is-implemented-as-follows">RSA_PAD</a>
 */
final class RsaPadEncryption {

    static final int MAX_DATA_LENGTH = 144;

    private static final int TEMP_KEY_LENGTH = 32;
    private static final byte[] ZERO_IV = new byte[AesIge.IV_LENGTH];

    private RsaPadEncryption() {
    }

    static byte[] encrypt(RSAPublicKey key, byte[] data, SecureRandom random) {
        if (data.length > MAX_DATA_LENGTH) {
            throw new IllegalArgumentException("RSA_PAD data is at most 144 bytes, got " + data.length);
        }
        byte[] dataWithPadding = new byte[RsaPad.DATA_WITH_PADDING_LENGTH];
        System.arraycopy(data, 0, dataWithPadding, 0, data.length);
        byte[] padding = new byte[dataWithPadding.length - data.length];
        random.nextBytes(padding);
        System.arraycopy(padding, 0, dataWithPadding, data.length, padding.length);
        byte[] dataWithHash = new byte[dataWithPadding.length + Hashes.SHA256_LENGTH];
        for (int i = 0; i < dataWithPadding.length; i++) {
            dataWithHash[i] = dataWithPadding[dataWithPadding.length - 1 - i];
        }
        BigInteger modulus = key.getModulus();
        byte[] tempKey = new byte[TEMP_KEY_LENGTH];
        while (true) {
            random.nextBytes(tempKey);
            System.arraycopy(Hashes.sha256(tempKey, dataWithPadding), 0, dataWithHash, dataWithPadding.length,
                    Hashes.SHA256_LENGTH);
            byte[] aesEncrypted = AesIge.encrypt(tempKey, ZERO_IV, dataWithHash);
            byte[] block = new byte[RsaPad.MODULUS_BYTES];
            byte[] mask = Hashes.sha256(aesEncrypted);
            for (int i = 0; i < TEMP_KEY_LENGTH; i++) {
                block[i] = (byte) (tempKey[i] ^ mask[i]);
            }
            System.arraycopy(aesEncrypted, 0, block, TEMP_KEY_LENGTH, aesEncrypted.length);
            BigInteger m = new BigInteger(1, block);
            if (m.compareTo(modulus) < 0) {
                return fixedLength(m.modPow(key.getPublicExponent(), modulus), RsaPad.MODULUS_BYTES);
            }
        }
    }

    /** Big-endian magnitude left-padded with zeros to {@code length} bytes. */
    static byte[] fixedLength(BigInteger v, int length) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }

    /** Big-endian magnitude without a sign byte, as TL {@code bytes} carry big numbers. */
    static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            return java.util.Arrays.copyOfRange(b, 1, b.length);
        }
        return b;
    }
}
