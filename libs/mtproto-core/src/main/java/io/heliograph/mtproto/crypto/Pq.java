package io.heliograph.mtproto.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * The proof-of-work challenge of {@code resPQ}: {@code pq = p * q} for two distinct random primes
 * {@code 2^30 <= p < q < 2^31}, sent as big-endian bytes without leading zeros.
 *
 * @see <a href="https://core.telegram.org/mtproto/auth_key#2-server-sends-response-of-the-form">Creating an Authorization Key</a>
 */
public record Pq(long p, long q) {

    private static final int PRIME_BITS = 31;

    public Pq {
        if (p <= 1 || q <= p) {
            throw new IllegalArgumentException("need 1 < p < q, got p=" + p + " q=" + q);
        }
        Math.multiplyExact(p, q);
    }

    public static Pq generate(SecureRandom random) {
        long a = BigInteger.probablePrime(PRIME_BITS, random).longValueExact();
        long b;
        do {
            b = BigInteger.probablePrime(PRIME_BITS, random).longValueExact();
        } while (b == a);
        return new Pq(Math.min(a, b), Math.max(a, b));
    }

    public long pq() {
        return p * q;
    }

    public byte[] pqBytes() {
        return toBytes(pq());
    }

    public byte[] pBytes() {
        return toBytes(p);
    }

    public byte[] qBytes() {
        return toBytes(q);
    }

    /** True when the client's {@code p} and {@code q} (TL bytes, big-endian) are this challenge's factors. */
    public boolean matches(byte[] clientP, byte[] clientQ) {
        return clientP.length <= 8 && clientQ.length <= 8
                && new BigInteger(1, clientP).equals(BigInteger.valueOf(p))
                && new BigInteger(1, clientQ).equals(BigInteger.valueOf(q));
    }

    /** A positive number as big-endian bytes without leading zeros. */
    public static byte[] toBytes(long v) {
        if (v <= 0) {
            throw new IllegalArgumentException("expected a positive number, got " + v);
        }
        int len = 8 - Long.numberOfLeadingZeros(v) / 8;
        byte[] out = new byte[len];
        for (int i = len - 1; i >= 0; i--) {
            out[i] = (byte) v;
            v >>>= 8;
        }
        return out;
    }
}
