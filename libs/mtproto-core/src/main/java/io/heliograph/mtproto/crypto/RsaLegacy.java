package io.heliograph.mtproto.crypto;

import java.security.interfaces.RSAPrivateKey;
import java.util.Arrays;
import java.util.Optional;

/**
 * The server side of the pre-RSA_PAD encoding that some clients still send in {@code req_DH_params}:
 * {@code data_with_hash = SHA1(data) + data + random bytes} (255 bytes in all) raised to the RSA exponent. The TL
 * object starts at {@link #DATA_OFFSET}; once it is parsed, {@link #verify} checks the hash over the bytes it used.
 *
 * @see <a href="https://core.telegram.org/mtproto/auth_key">Creating an Authorization Key</a>
 */
public final class RsaLegacy {

    public static final int DATA_WITH_HASH_LENGTH = 255;
    public static final int DATA_OFFSET = Hashes.SHA1_LENGTH;

    private RsaLegacy() {
    }

    /** The 255-byte {@code data_with_hash}, or empty when the input is not below the modulus or decrypts to 256 bytes. */
    public static Optional<byte[]> decrypt(RSAPrivateKey key, byte[] encryptedData) {
        return RsaPad.rsaDecrypt(key, encryptedData).flatMap(RsaLegacy::unpad);
    }

    /** {@code data_with_hash} from a raw-decrypted 256-byte block, whose first byte must be zero. */
    public static Optional<byte[]> unpad(byte[] raw) {
        if (raw.length != RsaPad.MODULUS_BYTES || raw[0] != 0) {
            return Optional.empty();
        }
        return Optional.of(Arrays.copyOfRange(raw, 1, raw.length));
    }

    /**
     * True when the SHA-1 at the start of {@code dataWithHash} covers exactly the {@code consumed} bytes that the TL
     * parser read from {@link #DATA_OFFSET}; compared in constant time.
     */
    public static boolean verify(byte[] dataWithHash, int consumed) {
        return consumed > 0 && Hashes.sha1PrefixMatches(dataWithHash, consumed);
    }
}
