package io.heliograph.mtproto.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * The server's Diffie-Hellman group: Telegram's 2048-bit safe prime with generator 3, and the checks that both sides
 * apply to public values.
 *
 * @see <a href="https://core.telegram.org/mtproto/auth_key#6-server-responds-with">Creating an Authorization Key</a>
 * @see <a href="https://core.telegram.org/mtproto/security_guidelines#g-a-and-g-b-validation">Validating g_a and g_b</a>
 */
public final class DhPrime {

    public static final int G = 3;
    public static final int BITS = 2048;
    public static final BigInteger P = new BigInteger(
            "c71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930f48198a0aa7c14058229493d22530f4dbfa336f6e0ac925139543aed44cce7c3720fd51f69458705ac68cd4fe6b6b13abdc9746512969328454f18faf8c595f642477fe96bb2a941d5bcd1d4ac8cc49880708fa9b378e3c4f3a9060bee67cf9a4a4a695811051907e162753b56b0f6b410dba74d8a84b2a14b3144e0ef1284754fd17ed950d5965b4b9dd46582db1178d169c6bc465b0d6ff9ca3928fef5b9ae4e418fc15e83ebea0f87fa9ff5eed70050ded2849f47bf959d956850ce929851f0d8115f635b105ee2e4e15d04b2454bf6f4fadf034b10403119cd8e3b92fcc5b",
            16);

    private static final BigInteger GENERATOR = BigInteger.valueOf(G);
    private static final BigInteger MARGIN = BigInteger.ONE.shiftLeft(BITS - 64);
    private static final BigInteger P_MINUS_MARGIN = P.subtract(MARGIN);
    private static final int BYTES = BITS / 8;

    private DhPrime() {
    }

    /** {@code dh_prime} as 256 big-endian bytes, as {@code server_DH_inner_data} carries it. */
    public static byte[] primeBytes() {
        return Bytes.toFixedBigEndian(P, BYTES);
    }

    /**
     * {@code 2^(2048-64) <= v <= p - 2^(2048-64)}, for g_a and g_b alike; this implies the basic {@code 1 < v < p - 1}.
     */
    public static boolean checkPublicValue(BigInteger v) {
        return v.compareTo(MARGIN) >= 0 && v.compareTo(P_MINUS_MARGIN) <= 0;
    }

    /**
     * A random 2048-bit secret {@code a}. The caller should still apply {@link #checkPublicValue} to {@link #gA} and
     * draw again in the (negligible) case it fails.
     */
    public static BigInteger newServerSecret(SecureRandom random) {
        BigInteger a;
        do {
            a = new BigInteger(BITS, random);
        } while (a.compareTo(BigInteger.ONE) <= 0);
        return a;
    }

    /** {@code g_a = 3^a mod p}. */
    public static BigInteger gA(BigInteger a) {
        return GENERATOR.modPow(a, P);
    }

    /**
     * The auth key {@code g_b^a mod p} as 256 big-endian bytes (left-padded with zeros).
     *
     * @throws IllegalArgumentException if {@code g_b} fails {@link #checkPublicValue}
     */
    public static byte[] sharedKey(BigInteger a, BigInteger gB) {
        if (!checkPublicValue(gB)) {
            throw new IllegalArgumentException("g_b is outside [2^1984, p - 2^1984]");
        }
        return Bytes.toFixedBigEndian(gB.modPow(a, P), BYTES);
    }
}
