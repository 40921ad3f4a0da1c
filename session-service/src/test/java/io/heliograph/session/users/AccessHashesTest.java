package io.heliograph.session.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AccessHashesTest {

    static final byte[] SECRET = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    @Test
    void stablePerViewerAndDifferentBetweenViewers() {
        long forA = AccessHashes.of(SECRET, 4294967296L);
        assertThat(AccessHashes.of(SECRET, 4294967296L)).isEqualTo(forA);
        assertThat(AccessHashes.of(SECRET, 4294967297L)).isNotEqualTo(forA);
        byte[] other = SECRET.clone();
        other[0] ^= 1;
        assertThat(AccessHashes.of(other, 4294967296L)).isNotEqualTo(forA);
    }

    @Test
    void knownAnswer() {
        // HMAC-SHA256(key = 00..1f, message = 8 bytes big-endian 1), first 8 bytes; computed with openssl:
        // printf '\0\0\0\0\0\0\0\1' | openssl dgst -sha256 -mac HMAC -macopt hexkey:000102...1f
        assertThat(Long.toHexString(AccessHashes.of(SECRET, 1))).isEqualTo(KNOWN_FOR_VIEWER_1);
    }

    @Test
    void verifyAcceptsOnlyTheViewersHash() {
        long hash = AccessHashes.of(SECRET, 42);
        assertThat(AccessHashes.verify(SECRET, 42, hash)).isTrue();
        assertThat(AccessHashes.verify(SECRET, 43, hash)).isFalse();
        assertThat(AccessHashes.verify(SECRET, 42, hash ^ 1)).isFalse();
        assertThat(AccessHashes.verify(SECRET, 42, 0)).isFalse();
    }

    static final String KNOWN_FOR_VIEWER_1 = "c432e059c378eef7";
}
