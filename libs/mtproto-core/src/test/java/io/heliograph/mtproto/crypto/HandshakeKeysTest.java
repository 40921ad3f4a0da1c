package io.heliograph.mtproto.crypto;

import static io.heliograph.mtproto.crypto.SampleAuthKey.NEW_NONCE;
import static io.heliograph.mtproto.crypto.SampleAuthKey.SERVER_NONCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Known answers from https://core.telegram.org/mtproto/samples-auth_key (see {@link SampleAuthKey}). */
class HandshakeKeysTest {

    private static final HandshakeKeys SAMPLE = HandshakeKeys.derive(SERVER_NONCE, NEW_NONCE);

    @Test
    void tmpAesKeyAndIvOfTheSample() {
        assertThat(SAMPLE.tmpAesKey()).isEqualTo(SampleAuthKey.TMP_AES_KEY);
        assertThat(SAMPLE.tmpAesIv()).isEqualTo(SampleAuthKey.TMP_AES_IV);
        assertThat(SAMPLE).isEqualTo(new HandshakeKeys(SampleAuthKey.TMP_AES_KEY, SampleAuthKey.TMP_AES_IV));
        assertThat(SAMPLE.toString()).doesNotContainIgnoringCase("5EA702F7");
    }

    @Test
    void encryptedAnswerOfTheSample() {
        byte[] answer = Arrays.copyOfRange(SampleAuthKey.ANSWER_WITH_HASH, 20, 20 + SampleAuthKey.ANSWER_LENGTH);
        byte[] padding = Arrays.copyOfRange(SampleAuthKey.ANSWER_WITH_HASH, 20 + SampleAuthKey.ANSWER_LENGTH,
                SampleAuthKey.ANSWER_WITH_HASH.length);
        assertThat(SAMPLE.encryptAnswer(answer, TestRandom.replaying(padding))).isEqualTo(SampleAuthKey.ENCRYPTED_ANSWER);

        byte[] decrypted = SAMPLE.decrypt(SampleAuthKey.ENCRYPTED_ANSWER).orElseThrow();
        assertThat(decrypted).isEqualTo(SampleAuthKey.ANSWER_WITH_HASH);
        assertThat(HandshakeKeys.verifyHash(decrypted, SampleAuthKey.ANSWER_LENGTH)).isTrue();
    }

    @Test
    void clientDhInnerDataOfTheSample() {
        byte[] data = SampleAuthKey.CLIENT_DH_INNER_DATA;
        byte[] decrypted = SAMPLE.decrypt(SampleAuthKey.CLIENT_ENCRYPTED_DATA).orElseThrow();
        assertThat(decrypted).isEqualTo(RsaTestKeys.concat(Hashes.sha1(data), data, SampleAuthKey.CLIENT_DH_PADDING));
        assertThat(HandshakeKeys.verifyHash(decrypted, data.length)).isTrue();
        assertThat(HandshakeKeys.verifyHash(decrypted, data.length - 4)).isFalse();
        assertThat(HandshakeKeys.verifyHash(decrypted, data.length + 4)).isFalse();
    }

    @Test
    void verifyHashRejectsTamperingAndOverlongPadding() {
        byte[] data = SampleAuthKey.CLIENT_DH_INNER_DATA;
        byte[] good = RsaTestKeys.concat(Hashes.sha1(data), data, SampleAuthKey.CLIENT_DH_PADDING);
        for (int i = 0; i < 20 + data.length; i += 7) {
            byte[] tampered = good.clone();
            tampered[i] ^= 1;
            assertThat(HandshakeKeys.verifyHash(tampered, data.length)).as("byte %d", i).isFalse();
        }
        byte[] sixteenBytesOfPadding = RsaTestKeys.concat(Hashes.sha1(data), data, new byte[16]);
        assertThat(HandshakeKeys.verifyHash(sixteenBytesOfPadding, data.length)).isFalse();
        assertThat(HandshakeKeys.verifyHash(RsaTestKeys.concat(Hashes.sha1(data), data), data.length)).isTrue();
        assertThat(HandshakeKeys.verifyHash(good, 0)).isFalse();
        assertThat(HandshakeKeys.verifyHash(RsaTestKeys.concat(Hashes.sha1(), new byte[12]), 0)).isFalse();
        assertThat(HandshakeKeys.verifyHash(good, -1)).isFalse();
    }

    @Test
    void decryptRejectsPartialBlocks() {
        assertThat(SAMPLE.decrypt(new byte[47])).isEmpty();
        assertThat(SAMPLE.decrypt(new byte[16])).isEmpty();
        assertThat(SAMPLE.decrypt(new byte[0])).isEmpty();
    }

    @Test
    void answersRoundTripWithRandomPadding() {
        SecureRandom random = TestRandom.seeded(18);
        Random sizes = new Random(19);
        for (int i = 0; i < 200; i++) {
            byte[] answer = new byte[4 * (1 + sizes.nextInt(200))];
            sizes.nextBytes(answer);
            byte[] encrypted = SAMPLE.encryptAnswer(answer, random);
            assertThat(encrypted.length % 16).isZero();
            assertThat(encrypted.length - 20 - answer.length).isBetween(0, 15);
            byte[] decrypted = SAMPLE.decrypt(encrypted).orElseThrow();
            assertThat(Arrays.copyOfRange(decrypted, 20, 20 + answer.length)).isEqualTo(answer);
            assertThat(HandshakeKeys.verifyHash(decrypted, answer.length)).isTrue();
        }
    }

    /** dh_gen_ok of the sample: new_nonce_hash1 over the sample's auth key, which also pins auth_key_aux_hash. */
    @Test
    void newNonceHashOfTheSample() {
        AuthKey key = AuthKey.of(SampleAuthKey.AUTH_KEY);
        assertThat(HandshakeKeys.newNonceHash(NEW_NONCE, key, 1)).isEqualTo(SampleAuthKey.NEW_NONCE_HASH1);
        byte[] two = HandshakeKeys.newNonceHash(NEW_NONCE, key, 2);
        byte[] three = HandshakeKeys.newNonceHash(NEW_NONCE, key, 3);
        assertThat(two).hasSize(16).isNotEqualTo(SampleAuthKey.NEW_NONCE_HASH1).isNotEqualTo(three);
        assertThatThrownBy(() -> HandshakeKeys.newNonceHash(NEW_NONCE, key, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HandshakeKeys.newNonceHash(NEW_NONCE, key, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HandshakeKeys.newNonceHash(new byte[16], key, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serverSaltIsTheXorOfTheNoncesFirstEightBytes() {
        Random random = new Random(20);
        for (int i = 0; i < 200; i++) {
            byte[] newNonce = new byte[32];
            byte[] serverNonce = new byte[16];
            random.nextBytes(newNonce);
            random.nextBytes(serverNonce);
            byte[] xor = new byte[8];
            for (int j = 0; j < 8; j++) {
                xor[j] = (byte) (newNonce[j] ^ serverNonce[j]);
            }
            assertThat(HandshakeKeys.serverSalt(newNonce, serverNonce))
                    .isEqualTo(ByteBuffer.wrap(xor).order(ByteOrder.LITTLE_ENDIAN).getLong());
        }
        // A8BBC849512DAC6C xor E11DBC3BC97D91A2 = 49A67472 98503DCE, read little-endian
        assertThat(HandshakeKeys.serverSalt(NEW_NONCE, SERVER_NONCE)).isEqualTo(0xCE3D50987274A649L);
    }

    @Test
    void rejectsWrongNonceSizes() {
        assertThatThrownBy(() -> HandshakeKeys.derive(new byte[32], NEW_NONCE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HandshakeKeys.derive(SERVER_NONCE, new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HandshakeKeys.serverSalt(SERVER_NONCE, NEW_NONCE)).isInstanceOf(IllegalArgumentException.class);
    }
}
