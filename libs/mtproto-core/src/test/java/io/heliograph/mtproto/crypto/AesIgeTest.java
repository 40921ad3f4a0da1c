package io.heliograph.mtproto.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AesIgeTest {

    @Test
    void vectorsFromTheJsonFileBothWays() {
        for (Map<String, Object> v : Vectors.section("aes256_ige")) {
            byte[] key = Vectors.ascii(v, "key_ascii");
            byte[] iv = Vectors.ascii(v, "iv_ascii");
            byte[] plaintext = Vectors.ascii(v, "plaintext_ascii");
            byte[] ciphertext = Vectors.hex(v, "ciphertext");
            assertThat(AesIge.encrypt(key, iv, plaintext)).as((String) v.get("source")).isEqualTo(ciphertext);
            assertThat(AesIge.decrypt(key, iv, ciphertext)).as((String) v.get("source")).isEqualTo(plaintext);
        }
    }

    /** https://core.telegram.org/mtproto/samples-auth_key, step 6: encrypted_answer under tmp_aes_key / tmp_aes_iv. */
    @Test
    void samplesAuthKeyEncryptedAnswerBothWays() {
        byte[] key = SampleAuthKey.TMP_AES_KEY;
        byte[] iv = SampleAuthKey.TMP_AES_IV;
        assertThat(AesIge.decrypt(key, iv, SampleAuthKey.ENCRYPTED_ANSWER)).isEqualTo(SampleAuthKey.ANSWER_WITH_HASH);
        assertThat(AesIge.encrypt(key, iv, SampleAuthKey.ANSWER_WITH_HASH)).isEqualTo(SampleAuthKey.ENCRYPTED_ANSWER);
    }

    @Test
    void matchesATextbookIgeAndRoundTripsInAndOutOfPlace() throws Exception {
        Random random = new Random(3);
        for (int i = 0; i < 300; i++) {
            byte[] key = bytes(random, 32);
            byte[] iv = bytes(random, 32);
            int len = 16 * random.nextInt(40);
            int off = random.nextInt(5);
            byte[] buf = bytes(random, off + len + 3);
            byte[] plain = Arrays.copyOfRange(buf, off, off + len);

            byte[] cipher = AesIge.encrypt(key, iv, plain);
            assertThat(cipher).isEqualTo(referenceEncrypt(key, iv, plain));
            assertThat(AesIge.decrypt(key, iv, cipher)).isEqualTo(plain);

            AesIge.encrypt(key, iv, buf, off, len, buf, off);
            assertThat(Arrays.copyOfRange(buf, off, off + len)).isEqualTo(cipher);
            AesIge.decrypt(key, iv, buf, off, len, buf, off);
            assertThat(Arrays.copyOfRange(buf, off, off + len)).isEqualTo(plain);
        }
    }

    @Test
    void rejectsPartialBlocksAndWrongSizes() {
        byte[] k = new byte[32];
        assertThatThrownBy(() -> AesIge.encrypt(k, k, new byte[17])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AesIge.decrypt(k, k, new byte[15])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AesIge.encrypt(new byte[16], k, new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AesIge.encrypt(k, new byte[16], new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AesIge.encrypt(k, k, new byte[32], 16, 32, new byte[32], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    /** IGE written from its definition: y_i = E(x_i ^ y_{i-1}) ^ x_{i-1}, y_0 = iv[0..16), x_0 = iv[16..32). */
    private static byte[] referenceEncrypt(byte[] key, byte[] iv, byte[] plain) throws Exception {
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        byte[] yPrev = Arrays.copyOfRange(iv, 0, 16);
        byte[] xPrev = Arrays.copyOfRange(iv, 16, 32);
        byte[] out = new byte[plain.length];
        for (int i = 0; i < plain.length; i += 16) {
            byte[] x = Arrays.copyOfRange(plain, i, i + 16);
            byte[] in = new byte[16];
            for (int j = 0; j < 16; j++) {
                in[j] = (byte) (x[j] ^ yPrev[j]);
            }
            byte[] y = ecb.doFinal(in);
            for (int j = 0; j < 16; j++) {
                y[j] ^= xPrev[j];
            }
            System.arraycopy(y, 0, out, i, 16);
            yPrev = y;
            xPrev = x;
        }
        return out;
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
