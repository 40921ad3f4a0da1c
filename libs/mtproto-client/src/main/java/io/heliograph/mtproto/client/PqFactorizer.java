package io.heliograph.mtproto.client;

import java.math.BigInteger;

/**
 * Splits the {@code pq} of {@code resPQ} into its two prime factors with Pollard-Brent rho in 64-bit Montgomery
 * arithmetic: well under a millisecond for Telegram's 2^31-sized factors, so it can run on an event loop.
 *
 * @see <a href="https://core.telegram.org/mtproto/auth_key#proof-of-work">Proof of work</a>
 */
final class PqFactorizer {

    private static final int BATCH = 128;

    private PqFactorizer() {
    }

    /** {@code {p, q}} with {@code p <= q}, {@code p * q == pq}. */
    static long[] factor(long pq) {
        if (pq <= 3) {
            throw new IllegalArgumentException("pq must be a product of two primes, got " + pq);
        }
        if ((pq & 1) == 0) {
            return ordered(2, pq / 2);
        }
        if (pq > Long.MAX_VALUE >>> 1) {
            return factorBig(pq);
        }
        Montgomery m = new Montgomery(pq);
        for (long c = 1; c < 64; c++) {
            long d = brent(m, m.toMontgomery(c), m.toMontgomery(2));
            if (d != 1 && d != pq) {
                return ordered(d, pq / d);
            }
        }
        throw new IllegalArgumentException("could not factor pq " + pq);
    }

    private static long brent(Montgomery m, long c, long y0) {
        long n = m.n;
        long y = y0;
        long x = y;
        long ys = y;
        long q = m.one;
        long g = 1;
        for (long r = 1; g == 1; r <<= 1) {
            x = y;
            for (long i = 0; i < r; i++) {
                y = m.add(m.multiply(y, y), c);
            }
            for (long k = 0; k < r && g == 1; k += BATCH) {
                ys = y;
                long steps = Math.min(BATCH, r - k);
                for (long i = 0; i < steps; i++) {
                    y = m.add(m.multiply(y, y), c);
                    q = m.multiply(q, Math.abs(x - y));
                }
                g = gcd(q, n);
            }
            if (r > 1L << 40) {
                return 1;
            }
        }
        if (g == n) {
            do {
                ys = m.add(m.multiply(ys, ys), c);
                g = gcd(Math.abs(x - ys), n);
            } while (g == 1);
        }
        return g;
    }

    /** Plain rho in BigInteger arithmetic for {@code pq >= 2^62}, which the Montgomery form cannot hold. */
    private static long[] factorBig(long pq) {
        BigInteger n = BigInteger.valueOf(pq);
        for (long c = 1; c < 64; c++) {
            BigInteger cc = BigInteger.valueOf(c);
            BigInteger x = BigInteger.TWO;
            BigInteger y = BigInteger.TWO;
            BigInteger d = BigInteger.ONE;
            while (d.equals(BigInteger.ONE)) {
                x = x.multiply(x).add(cc).mod(n);
                y = y.multiply(y).add(cc).mod(n);
                y = y.multiply(y).add(cc).mod(n);
                d = x.subtract(y).abs().gcd(n);
            }
            if (!d.equals(n)) {
                return ordered(d.longValueExact(), pq / d.longValueExact());
            }
        }
        throw new IllegalArgumentException("could not factor pq " + pq);
    }

    private static long[] ordered(long a, long b) {
        return new long[] {Math.min(a, b), Math.max(a, b)};
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** Arithmetic modulo an odd {@code n < 2^62} on values in Montgomery form ({@code x * 2^64 mod n}). */
    private static final class Montgomery {

        final long n;
        final long one;
        private final long negInverse;

        Montgomery(long n) {
            this.n = n;
            long inv = n;
            for (int i = 0; i < 5; i++) {
                inv *= 2 - n * inv;
            }
            this.negInverse = -inv;
            this.one = BigInteger.ONE.shiftLeft(64).mod(BigInteger.valueOf(n)).longValue();
        }

        long toMontgomery(long x) {
            return BigInteger.valueOf(x).shiftLeft(64).mod(BigInteger.valueOf(n)).longValue();
        }

        long add(long a, long b) {
            long s = a + b;
            return s >= n ? s - n : s;
        }

        long multiply(long a, long b) {
            long lo = a * b;
            long hi = Math.multiplyHigh(a, b);
            long m = lo * negInverse;
            long mnHi = Math.multiplyHigh(m, n) + ((m >> 63) & n);
            long t = hi + mnHi + (lo != 0 ? 1 : 0);
            return t >= n ? t - n : t;
        }
    }
}
