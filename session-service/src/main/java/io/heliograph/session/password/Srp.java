package io.heliograph.session.password;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The math of Telegram's two-step verification, SRP-6a with the KDF
 * {@code passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow}, as pure functions: the server side
 * ({@link #serverB}, {@link #checkM1}) and the password hash both sides share ({@link #ph2}, {@link #verifier}).
 * Numbers are hashed big-endian and left-padded to {@value #BYTES} bytes; all arithmetic is modulo {@link #P}.
 *
 * @see <a href="https://core.telegram.org/api/srp">Two-factor authentication (SRP)</a>
 */
public final class Srp {

    /** The generator. */
    public static final int G = 3;
    /** The length of every number as it is hashed and sent: 2048 bits. */
    public static final int BYTES = 256;
    /**
     * Telegram's 2048-bit safe prime, the same {@code dh_prime} the auth key exchange uses; copied from mtproto-core's
     * {@code io.heliograph.mtproto.crypto.DhPrime}, which session-service must not depend on.
     */
    public static final BigInteger P = new BigInteger(
            "c71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930f48198a0aa7c14058229493d22530f4dbfa336f6e0ac925139543aed44cce7c3720fd51f69458705ac68cd4fe6b6b13abdc9746512969328454f18faf8c595f642477fe96bb2a941d5bcd1d4ac8cc49880708fa9b378e3c4f3a9060bee67cf9a4a4a695811051907e162753b56b0f6b410dba74d8a84b2a14b3144e0ef1284754fd17ed950d5965b4b9dd46582db1178d169c6bc465b0d6ff9ca3928fef5b9ae4e418fc15e83ebea0f87fa9ff5eed70050ded2849f47bf959d956850ce929851f0d8115f635b105ee2e4e15d04b2454bf6f4fadf034b10403119cd8e3b92fcc5b",
            16);
    /** The PBKDF2-HMAC-SHA512 iterations of the KDF. */
    public static final int PBKDF2_ITERATIONS = 100_000;
    /** The length of M1 (a SHA-256). */
    public static final int M1_BYTES = 32;

    private static final BigInteger GENERATOR = BigInteger.valueOf(G);
    /** Public values must lie in [2^(2048-64), p - 2^(2048-64)], as clients check the server's (security guidelines). */
    private static final BigInteger MARGIN = BigInteger.ONE.shiftLeft(BYTES * 8 - 64);
    private static final BigInteger P_MINUS_MARGIN = P.subtract(MARGIN);
    private static final byte[] P_BYTES = pad(P);
    private static final byte[] G_BYTES = pad(GENERATOR);
    /** The SRP-6a multiplier k = H(p | g). */
    private static final BigInteger K = unsigned(sha256(P_BYTES, G_BYTES));
    /** H(p) xor H(g), the first part of M1. */
    private static final byte[] H_P_XOR_H_G = xor(sha256(P_BYTES), sha256(G_BYTES));

    private Srp() {
    }

    /** {@code p} as 256 big-endian bytes, as {@code passwordKdfAlgo…ModPow.p} carries it. */
    public static byte[] primeBytes() {
        return P_BYTES.clone();
    }

    /** The multiplier {@code k = H(p | g)}. */
    public static BigInteger k() {
        return K;
    }

    /**
     * {@code PH2(password, salt1, salt2) = SH(pbkdf2(sha512, PH1(password, salt1, salt2), salt1, 100000), salt2)} with
     * {@code PH1 = SH(SH(password, salt1), salt2)} and {@code SH(data, salt) = H(salt | data | salt)}; the password
     * is its UTF-8 bytes. The client's work (about 100 000 HMACs): the server only needs it in tests.
     */
    public static byte[] ph2(byte[] password, byte[] salt1, byte[] salt2) {
        byte[] ph1 = sh(sh(password, salt1), salt2);
        return sh(pbkdf2HmacSha512(ph1, salt1, PBKDF2_ITERATIONS), salt2);
    }

    /** {@code x}: {@link #ph2} read as an unsigned big-endian number. */
    public static BigInteger x(byte[] password, byte[] salt1, byte[] salt2) {
        return unsigned(ph2(password, salt1, salt2));
    }

    /** The verifier {@code v = g^x mod p}, 256 bytes: what a client sends as {@code new_password_hash}. */
    public static byte[] verifier(BigInteger x) {
        return pad(GENERATOR.modPow(x, P));
    }

    /**
     * Whether {@code hash} can be a stored verifier: 1 to 256 bytes whose value lies in the group, {@code 1 < v < p-1}.
     */
    public static boolean isValidVerifier(byte[] hash) {
        if (hash.length == 0 || hash.length > BYTES) {
            return false;
        }
        BigInteger v = unsigned(hash);
        return v.compareTo(BigInteger.ONE) > 0 && v.compareTo(P.subtract(BigInteger.ONE)) < 0;
    }

    /**
     * Whether {@code value} lies in {@code [2^1984, p - 2^1984]}, the range both sides demand of the other's public
     * value (it implies {@code 1 < value < p - 1}).
     *
     * @see <a href="https://core.telegram.org/mtproto/security_guidelines#g-a-and-g-b-validation">Validation</a>
     */
    public static boolean isGoodPublicValue(BigInteger value) {
        return value.compareTo(MARGIN) >= 0 && value.compareTo(P_MINUS_MARGIN) <= 0;
    }

    /** A random 2048-bit secret {@code b} whose {@code g^b} passes {@link #isGoodPublicValue}, as clients demand. */
    public static BigInteger newSecret(SecureRandom random) {
        while (true) {
            BigInteger b = new BigInteger(BYTES * 8, random);
            if (isGoodPublicValue(GENERATOR.modPow(b, P))) {
                return b;
            }
        }
    }

    /** The server's public value {@code B = (k*v + g^b) mod p}, 256 bytes ({@code srp_B}). */
    public static byte[] serverB(BigInteger v, BigInteger b) {
        return pad(K.multiply(v).add(GENERATOR.modPow(b, P)).mod(P));
    }

    /** The scrambler {@code u = H(A | B)} with both padded to 256 bytes. */
    public static BigInteger u(byte[] a, byte[] b) {
        return unsigned(sha256(pad(a), pad(b)));
    }

    /**
     * {@code M1 = H(H(p) xor H(g) | H(salt1) | H(salt2) | A | B | K)} with {@code K = H(S)}, A and B padded to 256
     * bytes.
     */
    public static byte[] m1(byte[] salt1, byte[] salt2, byte[] a, byte[] b, byte[] sessionKey) {
        return sha256(H_P_XOR_H_G, sha256(salt1), sha256(salt2), pad(a), pad(b), sessionKey);
    }

    /**
     * Checks the client's proof: {@code A} must be a good public value (at most 256 bytes, in
     * {@code [2^1984, p - 2^1984]}, {@code u ≠ 0}), and {@code M1} the one computed from {@code S = (A * v^u)^b mod p}.
     * Compares in constant time; false for any bad input.
     *
     * @param v the stored verifier
     * @param b the secret of the challenge whose {@code srp_B} was {@code serverB}
     */
    public static boolean checkM1(byte[] a, byte[] m1, byte[] salt1, byte[] salt2, BigInteger v, BigInteger b,
            byte[] serverB) {
        if (a == null || m1 == null || a.length == 0 || a.length > BYTES || m1.length != M1_BYTES) {
            return false;
        }
        BigInteger aValue = unsigned(a);
        if (!isGoodPublicValue(aValue)) {
            return false;
        }
        BigInteger u = u(a, serverB);
        if (u.signum() == 0) {
            return false;
        }
        BigInteger s = aValue.multiply(v.modPow(u, P)).mod(P).modPow(b, P);
        byte[] expected = m1(salt1, salt2, a, serverB, sha256(pad(s)));
        return MessageDigest.isEqual(expected, m1);
    }

    /** {@code value} as exactly 256 big-endian bytes. */
    public static byte[] pad(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > BYTES * 8) {
            throw new IllegalArgumentException("not a 2048-bit unsigned number");
        }
        byte[] raw = value.toByteArray();
        byte[] out = new byte[BYTES];
        int copy = Math.min(raw.length, BYTES);
        System.arraycopy(raw, raw.length - copy, out, BYTES - copy, copy);
        return out;
    }

    /** Big-endian bytes left-padded with zeros to 256 bytes (at most 256 bytes in). */
    public static byte[] pad(byte[] bytes) {
        if (bytes.length > BYTES) {
            throw new IllegalArgumentException("longer than " + BYTES + " bytes: " + bytes.length);
        }
        if (bytes.length == BYTES) {
            return bytes;
        }
        byte[] out = new byte[BYTES];
        System.arraycopy(bytes, 0, out, BYTES - bytes.length, bytes.length);
        return out;
    }

    /** Big-endian bytes as a non-negative number. */
    public static BigInteger unsigned(byte[] bytes) {
        return new BigInteger(1, bytes);
    }

    /** {@code H}: SHA-256 of the concatenation. */
    public static byte[] sha256(byte[]... parts) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    /** {@code SH(data, salt) = H(salt | data | salt)}. */
    static byte[] sh(byte[] data, byte[] salt) {
        return sha256(salt, data, salt);
    }

    /**
     * PBKDF2 (RFC 8018) with HMAC-SHA512 and a 64-byte output, i.e. one block. Written out because the JDK's
     * {@code PBKDF2WithHmacSHA512} takes the password as characters and PH1 is arbitrary bytes (32 of them, so never
     * the empty key {@code SecretKeySpec} refuses).
     */
    static byte[] pbkdf2HmacSha512(byte[] password, byte[] salt, int iterations) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(password, "HmacSHA512"));
            mac.update(salt);
            mac.update(new byte[] {0, 0, 0, 1});
            byte[] u = mac.doFinal();
            byte[] t = u.clone();
            for (int i = 1; i < iterations; i++) {
                mac.update(u);
                mac.doFinal(u, 0);
                for (int j = 0; j < t.length; j++) {
                    t[j] ^= u[j];
                }
            }
            return t;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always provides HmacSHA512", e);
        }
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length);
        for (int i = 0; i < out.length; i++) {
            out[i] ^= b[i];
        }
        return out;
    }
}
