package io.heliograph.mtproto.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageKeysTest {

    @Test
    void vectorsFromTheJsonFile() {
        var vectors = Vectors.section("kdf_mtproto2");
        assertThat(vectors).hasSize(3);
        for (Map<String, Object> v : vectors) {
            MessageKeys keys = MessageKeys.derive(authKey(v), Vectors.hex(v, "msg_key"), ((Number) v.get("x")).intValue());
            assertThat(keys.aesKey()).as((String) v.get("source")).isEqualTo(Vectors.hex(v, "aes_key"));
            assertThat(keys.aesIv()).as((String) v.get("source")).isEqualTo(Vectors.hex(v, "aes_iv"));
        }
    }

    @Test
    void msgKeyIsTheMiddleOfSha256OverTheKeySliceAndPlaintext() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] raw = new byte[256];
            random.nextBytes(raw);
            AuthKey key = AuthKey.of(raw);
            int x = random.nextBoolean() ? 0 : 8;
            byte[] plaintext = new byte[16 * (3 + random.nextInt(20))];
            random.nextBytes(plaintext);

            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(raw, 88 + x, 32);
            byte[] large = sha256.digest(plaintext);
            assertThat(MessageKeys.msgKey(key, x, plaintext, 0, plaintext.length))
                    .isEqualTo(Arrays.copyOfRange(large, 8, 24));
        }
    }

    @Test
    void offsetAndArrayFormsAgree() {
        Map<String, Object> v = Vectors.section("kdf_mtproto2").get(0);
        byte[] msgKey = Vectors.hex(v, "msg_key");
        byte[] embedded = new byte[40];
        System.arraycopy(msgKey, 0, embedded, 7, 16);
        assertThat(MessageKeys.derive(authKey(v), embedded, 7, 8)).isEqualTo(MessageKeys.derive(authKey(v), msgKey, 8));
        assertThat(MessageKeys.derive(authKey(v), msgKey, 8).toString()).doesNotContain("93355e3f");
    }

    @Test
    void rejectsBadDirectionAndSizes() {
        AuthKey key = AuthKey.of(new byte[256]);
        assertThatThrownBy(() -> MessageKeys.derive(key, new byte[16], 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageKeys.derive(key, new byte[15], 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageKeys.derive(key, new byte[16], 1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> MessageKeys.msgKey(key, 1, new byte[48], 0, 48)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MessageKeys(new byte[32], new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    private static AuthKey authKey(Map<String, Object> v) {
        if (v.containsKey("auth_key")) {
            return AuthKey.of(Vectors.hex(v, "auth_key"));
        }
        byte[] chunk = Vectors.hex(v, "auth_key_chunk_x8");
        byte[] key = new byte[256];
        for (int i = 0; i < 8; i++) {
            System.arraycopy(chunk, 0, key, 32 * i, 32);
        }
        return AuthKey.of(key);
    }
}
