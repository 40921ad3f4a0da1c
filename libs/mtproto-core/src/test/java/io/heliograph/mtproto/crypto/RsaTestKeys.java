package io.heliograph.mtproto.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

/** One 2048-bit server key per test run, and the client-side encryptions the server must undo. */
public final class RsaTestKeys {

    static final KeyPair PAIR = generate(2048);
    static final RSAPublicKey PUBLIC = (RSAPublicKey) PAIR.getPublic();
    static final RSAPrivateCrtKey PRIVATE = (RSAPrivateCrtKey) PAIR.getPrivate();

    private static final byte[] ZERO_IV = new byte[32];

    private RsaTestKeys() {
    }

    static KeyPair generate(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The client side of RSA_PAD, step by step as https://core.telegram.org/mtproto/auth_key section 4.1 gives it. */
    static byte[] rsaPadEncrypt(RSAPublicKey key, byte[] data, byte[] randomPadding, SecureRandom random) {
        if (data.length > 144 || data.length + randomPadding.length != 192) {
            throw new IllegalArgumentException("data must be at most 144 bytes and padded to 192");
        }
        byte[] dataWithPadding = concat(data, randomPadding);
        byte[] dataPadReversed = reversed(dataWithPadding);
        while (true) {
            byte[] tempKey = new byte[32];
            random.nextBytes(tempKey);
            byte[] dataWithHash = concat(dataPadReversed, Hashes.sha256(tempKey, dataWithPadding));
            byte[] aesEncrypted = AesIge.encrypt(tempKey, ZERO_IV, dataWithHash);
            byte[] tempKeyXor = Hashes.sha256(aesEncrypted);
            for (int i = 0; i < 32; i++) {
                tempKeyXor[i] ^= tempKey[i];
            }
            BigInteger keyAesEncrypted = new BigInteger(1, concat(tempKeyXor, aesEncrypted));
            if (keyAesEncrypted.compareTo(key.getModulus()) < 0) {
                return rsa(key, keyAesEncrypted);
            }
        }
    }

    public static byte[] rsaPadEncrypt(RSAPublicKey key, byte[] data, SecureRandom random) {
        byte[] padding = new byte[192 - data.length];
        random.nextBytes(padding);
        return rsaPadEncrypt(key, data, padding, random);
    }

    /** The legacy client side: SHA1(data) + data + random bytes to 255, raised to e. */
    public static byte[] legacyEncrypt(RSAPublicKey key, byte[] data, SecureRandom random) {
        byte[] padding = new byte[255 - 20 - data.length];
        random.nextBytes(padding);
        return rsa(key, new BigInteger(1, concat(Hashes.sha1(data), data, padding)));
    }

    static byte[] rsa(RSAPublicKey key, BigInteger m) {
        return Bytes.toFixedBigEndian(m.modPow(key.getPublicExponent(), key.getModulus()), 256);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }

    static byte[] reversed(byte[] b) {
        byte[] r = Arrays.copyOf(b, b.length);
        for (int i = 0; i < r.length / 2; i++) {
            byte t = r[i];
            r[i] = r[r.length - 1 - i];
            r[r.length - 1 - i] = t;
        }
        return r;
    }
}
