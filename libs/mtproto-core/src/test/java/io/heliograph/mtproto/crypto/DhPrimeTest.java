package io.heliograph.mtproto.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DhPrimeTest {

    private static final BigInteger P = DhPrime.P;
    private static final BigInteger MARGIN = BigInteger.ONE.shiftLeft(2048 - 64);

    /** server_DH_inner_data of https://core.telegram.org/mtproto/samples-auth_key carries g at 36 and dh_prime at 44. */
    @Test
    void isThePrimeAndGeneratorOfTheSampleHandshake() {
        byte[] answer = Arrays.copyOfRange(SampleAuthKey.ANSWER_WITH_HASH, 20, 20 + SampleAuthKey.ANSWER_LENGTH);
        assertThat(Bytes.getIntLE(answer, 36)).isEqualTo(DhPrime.G);
        assertThat(Arrays.copyOfRange(answer, 40, 44)).containsExactly(0xFE, 0x00, 0x01, 0x00);
        assertThat(Arrays.copyOfRange(answer, 44, 300)).isEqualTo(DhPrime.primeBytes());
        assertThat(new BigInteger(1, Arrays.copyOfRange(answer, 304, 560))).isEqualTo(SampleAuthKey.G_A);
    }

    @Test
    void isA2048BitSafePrimeInWhich3GeneratesTheSubgroupOfOrderHalfPMinusOne() {
        BigInteger half = P.subtract(BigInteger.ONE).shiftRight(1);
        assertThat(P.bitLength()).isEqualTo(2048);
        assertThat(P.isProbablePrime(64)).isTrue();
        assertThat(half.isProbablePrime(64)).isTrue();
        assertThat(P.mod(BigInteger.valueOf(3)).intValue()).isEqualTo(2);
        assertThat(BigInteger.valueOf(3).modPow(half, P)).isEqualTo(BigInteger.ONE);
        assertThat(DhPrime.primeBytes()).hasSize(256);
    }

    /** https://core.telegram.org/mtproto/samples-auth_key steps 7 and 8, run from the other side (g^ab is symmetric). */
    @Test
    void sampleHandshakeValues() {
        assertThat(DhPrime.gA(SampleAuthKey.B)).isEqualTo(SampleAuthKey.G_B);
        assertThat(DhPrime.sharedKey(SampleAuthKey.B, SampleAuthKey.G_A)).isEqualTo(SampleAuthKey.AUTH_KEY);
        assertThat(DhPrime.checkPublicValue(SampleAuthKey.G_A)).isTrue();
        assertThat(DhPrime.checkPublicValue(SampleAuthKey.G_B)).isTrue();
    }

    @Test
    void publicValuesMustKeepA64BitMarginFromBothEnds() {
        assertThat(DhPrime.checkPublicValue(MARGIN)).isTrue();
        assertThat(DhPrime.checkPublicValue(MARGIN.subtract(BigInteger.ONE))).isFalse();
        assertThat(DhPrime.checkPublicValue(P.subtract(MARGIN))).isTrue();
        assertThat(DhPrime.checkPublicValue(P.subtract(MARGIN).add(BigInteger.ONE))).isFalse();
        for (BigInteger v : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, BigInteger.ONE.negate(),
                P.subtract(BigInteger.ONE), P, P.add(MARGIN)}) {
            assertThat(DhPrime.checkPublicValue(v)).as("%s", v).isFalse();
        }
    }

    @Test
    void sharedKeyRefusesABadGb() {
        BigInteger a = DhPrime.newServerSecret(TestRandom.seeded(16));
        for (BigInteger bad : new BigInteger[] {BigInteger.ONE, P.subtract(BigInteger.ONE), MARGIN.subtract(BigInteger.ONE),
                P.subtract(MARGIN).add(BigInteger.ONE)}) {
            assertThatThrownBy(() -> DhPrime.sharedKey(a, bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void bothSidesDeriveTheSameKey() {
        SecureRandom random = TestRandom.seeded(17);
        for (int i = 0; i < 8; i++) {
            BigInteger a = DhPrime.newServerSecret(random);
            BigInteger b = DhPrime.newServerSecret(random);
            assertThat(a.bitLength()).isLessThanOrEqualTo(2048);
            assertThat(a).isNotEqualTo(b);
            BigInteger gA = DhPrime.gA(a);
            BigInteger gB = DhPrime.gA(b);
            assertThat(DhPrime.checkPublicValue(gA)).isTrue();
            byte[] key = DhPrime.sharedKey(a, gB);
            assertThat(key).hasSize(256).isEqualTo(DhPrime.sharedKey(b, gA));
            assertThat(new BigInteger(1, key)).isEqualTo(gB.modPow(a, P));
        }
    }
}
