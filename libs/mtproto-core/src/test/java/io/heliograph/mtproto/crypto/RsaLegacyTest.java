package io.heliograph.mtproto.crypto;

import static io.heliograph.mtproto.crypto.RsaTestKeys.PRIVATE;
import static io.heliograph.mtproto.crypto.RsaTestKeys.PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RsaLegacyTest {

    private final SecureRandom random = TestRandom.seeded(14);

    @Test
    void roundTripsAndTheHashCoversExactlyTheParsedBytes() {
        Random sizes = new Random(15);
        for (int i = 0; i < 30; i++) {
            byte[] data = new byte[4 * (1 + sizes.nextInt(50))];
            random.nextBytes(data);
            byte[] dataWithHash = RsaLegacy.decrypt(PRIVATE, RsaTestKeys.legacyEncrypt(PUBLIC, data, random)).orElseThrow();

            assertThat(dataWithHash).hasSize(255);
            assertThat(Arrays.copyOfRange(dataWithHash, RsaLegacy.DATA_OFFSET, RsaLegacy.DATA_OFFSET + data.length))
                    .isEqualTo(data);
            assertThat(RsaLegacy.verify(dataWithHash, data.length)).isTrue();
            assertThat(RsaLegacy.verify(dataWithHash, data.length - 4)).isFalse();
            if (data.length + 4 <= 235) {
                assertThat(RsaLegacy.verify(dataWithHash, data.length + 4)).isFalse();
            }
        }
    }

    @Test
    void tamperedDataFailsVerification() {
        byte[] data = new byte[100];
        random.nextBytes(data);
        byte[] dataWithHash = RsaLegacy.decrypt(PRIVATE, RsaTestKeys.legacyEncrypt(PUBLIC, data, random)).orElseThrow();
        for (int i = 0; i < 120; i++) {
            byte[] tampered = dataWithHash.clone();
            tampered[i] ^= 0x10;
            assertThat(RsaLegacy.verify(tampered, data.length)).as("byte %d", i).isFalse();
        }
        assertThat(RsaLegacy.verify(dataWithHash, 0)).isFalse();
        assertThat(RsaLegacy.verify(RsaTestKeys.concat(Hashes.sha1(), new byte[235]), 0)).isFalse();
        assertThat(RsaLegacy.verify(dataWithHash, -1)).isFalse();
        assertThat(RsaLegacy.verify(dataWithHash, 236)).isFalse();
    }

    @Test
    void aBlockWiderThan255BytesIsRejected() {
        BigInteger m = BigInteger.ONE.shiftLeft(2040).add(BigInteger.valueOf(12345));
        byte[] raw = RsaPad.rsaDecrypt(PRIVATE, RsaTestKeys.rsa(PUBLIC, m)).orElseThrow();
        assertThat(raw[0]).isEqualTo((byte) 1);
        assertThat(RsaLegacy.unpad(raw)).isEmpty();
        assertThat(RsaLegacy.decrypt(PRIVATE, RsaTestKeys.rsa(PUBLIC, m))).isEmpty();
        assertThat(RsaLegacy.unpad(new byte[255])).isEmpty();
    }

    @Test
    void oneRsaOperationServesBothSchemes() {
        byte[] data = new byte[64];
        random.nextBytes(data);
        byte[] legacy = RsaPad.rsaDecrypt(PRIVATE, RsaTestKeys.legacyEncrypt(PUBLIC, data, random)).orElseThrow();
        assertThat(RsaPad.unpad(legacy)).isEmpty();
        assertThat(RsaLegacy.unpad(legacy).map(b -> RsaLegacy.verify(b, data.length))).hasValue(true);

        byte[] padded = RsaPad.rsaDecrypt(PRIVATE, RsaTestKeys.rsaPadEncrypt(PUBLIC, data, random)).orElseThrow();
        assertThat(RsaPad.unpad(padded)).isPresent();
        assertThat(RsaLegacy.unpad(padded).filter(b -> RsaLegacy.verify(b, data.length))).isEmpty();
    }
}
