package io.heliograph.mtproto.crypto;

import static io.heliograph.mtproto.crypto.RsaTestKeys.PRIVATE;
import static io.heliograph.mtproto.crypto.RsaTestKeys.PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RsaPadTest {

    /**
     * p_q_inner_data_dc and random_padding_bytes from https://core.telegram.org/mtproto/samples-auth_key step 4 (the
     * sample's own encrypted_data needs Telegram's test private key, so the RSA step is replayed with a local key).
     */
    private static final byte[] SAMPLE_DATA = SampleAuthKey.hex(
            "955FF5A908256595EDB7766797000000045A300D4B000000046A26DB65000000406709F612FADFBEC3F0289D0AA67EEFE11DBC3BC97D91A26154F932AF019943A8BBC849512DAC6C67B6EFD9157D6CA7377A1776307D84265C6BE9BDCF802AC102000000");
    private static final byte[] SAMPLE_PADDING = SampleAuthKey.hex(
            "D944BB8347C876177FE03C2562BF4E87258EF147A7815D8853AA4B1065A5A385D0DA7E0B6100FAF55728D04DFC84E7E0D20006E07E1CB036730F5B3209CF85B2365B39DE2CBC56F40B725AD347835E5D1973567ECE8A02CF343D54F7");

    private final SecureRandom random = TestRandom.seeded(10);

    @Test
    void samplePqInnerDataRoundTrips() {
        byte[] encrypted = RsaTestKeys.rsaPadEncrypt(PUBLIC, SAMPLE_DATA, SAMPLE_PADDING, random);
        assertThat(encrypted).hasSize(256);
        assertThat(RsaPad.decrypt(PRIVATE, encrypted)).hasValue(RsaTestKeys.concat(SAMPLE_DATA, SAMPLE_PADDING));
    }

    @Test
    void randomDataRoundTrips() {
        Random sizes = new Random(11);
        for (int i = 0; i < 40; i++) {
            byte[] data = new byte[1 + sizes.nextInt(144)];
            random.nextBytes(data);
            byte[] plain = RsaPad.decrypt(PRIVATE, RsaTestKeys.rsaPadEncrypt(PUBLIC, data, random)).orElseThrow();
            assertThat(plain).hasSize(192);
            assertThat(Arrays.copyOf(plain, data.length)).isEqualTo(data);
        }
    }

    @Test
    void anyTamperingFailsTheHashCheck() {
        byte[] encrypted = RsaTestKeys.rsaPadEncrypt(PUBLIC, SAMPLE_DATA, random);
        Random positions = new Random(12);
        for (int i = 0; i < 20; i++) {
            byte[] tampered = encrypted.clone();
            tampered[1 + positions.nextInt(255)] ^= (byte) (1 << positions.nextInt(8));
            assertThat(RsaPad.decrypt(PRIVATE, tampered)).isEmpty();
        }
        byte[] raw = RsaPad.rsaDecrypt(PRIVATE, encrypted).orElseThrow();
        for (int i = 0; i < 256; i += 5) {
            byte[] flipped = raw.clone();
            flipped[i] ^= 1;
            assertThat(RsaPad.unpad(flipped)).as("byte %d", i).isEmpty();
        }
    }

    @Test
    void aBlockMadeWithAWrongHashIsRejected() {
        byte[] dataWithPadding = RsaTestKeys.concat(SAMPLE_DATA, SAMPLE_PADDING);
        byte[] tempKey = new byte[32];
        random.nextBytes(tempKey);
        byte[] wrongHash = Hashes.sha256(new byte[32], dataWithPadding);
        byte[] aesEncrypted = AesIge.encrypt(tempKey, new byte[32],
                RsaTestKeys.concat(RsaTestKeys.reversed(dataWithPadding), wrongHash));
        byte[] tempKeyXor = Hashes.sha256(aesEncrypted);
        for (int i = 0; i < 32; i++) {
            tempKeyXor[i] ^= tempKey[i];
        }
        assertThat(RsaPad.unpad(RsaTestKeys.concat(tempKeyXor, aesEncrypted))).isEmpty();
    }

    /** Also enforced by the JDK's RSA/ECB/NoPadding, so this guards the behaviour rather than RsaPad's own check. */
    @Test
    void ciphertextsNotBelowTheModulusAreRejected() {
        BigInteger n = PUBLIC.getModulus();
        byte[] encrypted;
        BigInteger shifted;
        do {
            encrypted = RsaTestKeys.rsaPadEncrypt(PUBLIC, SAMPLE_DATA, random);
            shifted = new BigInteger(1, encrypted).add(n);
        } while (shifted.bitLength() > 2048);
        assertThat(RsaPad.decrypt(PRIVATE, encrypted)).isPresent();
        assertThat(RsaPad.decrypt(PRIVATE, Bytes.toFixedBigEndian(shifted, 256))).isEmpty();
        assertThat(RsaPad.rsaDecrypt(PRIVATE, Bytes.toFixedBigEndian(n, 256))).isEmpty();
    }

    @Test
    void wrongSizesAndWrongKeysAreRejected() {
        byte[] encrypted = RsaTestKeys.rsaPadEncrypt(PUBLIC, SAMPLE_DATA, random);
        assertThat(RsaPad.decrypt(PRIVATE, new byte[0])).isEmpty();
        assertThat(RsaPad.decrypt(PRIVATE, RsaTestKeys.concat(new byte[1], encrypted))).isEmpty();
        assertThat(RsaPad.unpad(new byte[255])).isEmpty();

        RSAPrivateKey otherKey = (RSAPrivateKey) RsaTestKeys.generate(2048).getPrivate();
        assertThat(RsaPad.decrypt(otherKey, encrypted)).isEmpty();

        RSAPrivateKey smallKey = (RSAPrivateKey) RsaTestKeys.generate(1024).getPrivate();
        assertThat(RsaPad.rsaDecrypt(smallKey, new byte[] {2})).isEmpty();
    }

    @Test
    void rawDecryptionIsTheTextbookPowerAndKeepsLeadingZeros() {
        Random values = new Random(13);
        for (int i = 0; i < 10; i++) {
            BigInteger m = new BigInteger(2048 - 8 * (1 + values.nextInt(3)), values);
            Optional<byte[]> raw = RsaPad.rsaDecrypt(PRIVATE, RsaTestKeys.rsa(PUBLIC, m));
            assertThat(raw).hasValueSatisfying(b -> {
                assertThat(b).hasSize(256);
                assertThat(new BigInteger(1, b)).isEqualTo(m);
            });
        }
    }
}
