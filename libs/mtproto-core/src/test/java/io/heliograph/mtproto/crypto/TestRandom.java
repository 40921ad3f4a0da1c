package io.heliograph.mtproto.crypto;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Reproducible randomness for property tests. */
final class TestRandom {

    private TestRandom() {
    }

    /** A SecureRandom whose output depends only on {@code seed} (SHA1PRNG seeded before first use). */
    static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A SecureRandom that hands out {@code bytes} in order, for reproducing published examples. */
    static SecureRandom replaying(byte[] bytes) {
        return new SecureRandom() {
            private int next;

            @Override
            public void nextBytes(byte[] out) {
                System.arraycopy(bytes, next, out, 0, out.length);
                next += out.length;
            }
        };
    }
}
