package io.heliograph.mtproto.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PqTest {

    /**
     * pq = 0x17ED48941A08F981 = 1229739323 * 1402015859 (the long-standing example of /mtproto/samples-auth_key) and
     * the current example there, 2694724800268887959 = 1513098571 * 1780931429, whose p and q travel as 5A300D4B and
     * 6A26DB65.
     */
    @Test
    void knownAnswers() {
        assertThat(hex(new Pq(1229739323L, 1402015859L).pqBytes())).isEqualTo("17ed48941a08f981");
        Pq sample = new Pq(SampleAuthKey.P, SampleAuthKey.Q);
        assertThat(sample.pq()).isEqualTo(2694724800268887959L);
        assertThat(hex(sample.pqBytes())).isEqualToIgnoringCase(SampleAuthKey.PQ_HEX);
        assertThat(hex(sample.pBytes())).isEqualTo("5a300d4b");
        assertThat(hex(sample.qBytes())).isEqualTo("6a26db65");
    }

    @Test
    void generatesTwoDistinct31BitPrimesInOrder() {
        SecureRandom random = TestRandom.seeded(21);
        for (int i = 0; i < 300; i++) {
            Pq pq = Pq.generate(random);
            assertThat(pq.p()).isLessThan(pq.q()).isGreaterThanOrEqualTo(1L << 30);
            assertThat(pq.q()).isLessThan(1L << 31);
            assertThat(BigInteger.valueOf(pq.p()).isProbablePrime(50)).isTrue();
            assertThat(BigInteger.valueOf(pq.q()).isProbablePrime(50)).isTrue();
            assertThat(BigInteger.valueOf(pq.p()).multiply(BigInteger.valueOf(pq.q())))
                    .isEqualTo(new BigInteger(1, pq.pqBytes()))
                    .isEqualTo(BigInteger.valueOf(pq.pq()));
            assertThat(pq.pqBytes()[0]).isNotZero();
            assertThat(pq.matches(pq.pBytes(), pq.qBytes())).isTrue();
        }
    }

    @Test
    void matchesOnlyTheRightFactorsInTheRightOrder() {
        Pq pq = new Pq(SampleAuthKey.P, SampleAuthKey.Q);
        assertThat(pq.matches(pq.qBytes(), pq.pBytes())).isFalse();
        assertThat(pq.matches(Pq.toBytes(SampleAuthKey.P + 2), pq.qBytes())).isFalse();
        assertThat(pq.matches(pq.pBytes(), Pq.toBytes(SampleAuthKey.Q + 2))).isFalse();
        assertThat(pq.matches(new byte[] {0, 0x5a, 0x30, 0x0d, 0x4b}, pq.qBytes())).isTrue();
        assertThat(pq.matches(new byte[9], pq.qBytes())).isFalse();
    }

    @Test
    void bytesAreBigEndianWithoutLeadingZeros() {
        assertThat(Pq.toBytes(1)).containsExactly(1);
        assertThat(Pq.toBytes(0x100)).containsExactly(1, 0);
        assertThat(Pq.toBytes(Long.MAX_VALUE)).hasSize(8);
        assertThatThrownBy(() -> Pq.toBytes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pq(7, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pq(5, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
