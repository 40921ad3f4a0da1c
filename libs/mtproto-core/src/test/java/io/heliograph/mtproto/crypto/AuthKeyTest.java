package io.heliograph.mtproto.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AuthKeyTest {

    /**
     * The sample key of https://core.telegram.org/mtproto/samples-auth_key; its aux hash is also checked end to end by
     * new_nonce_hash1 in HandshakeKeysTest.
     */
    @Test
    void idAndAuxHashAreTheLittleEndianEndsOfSha1() throws Exception {
        AuthKey key = AuthKey.of(SampleAuthKey.AUTH_KEY);
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(SampleAuthKey.AUTH_KEY);
        ByteBuffer le = ByteBuffer.wrap(sha1).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(key.id()).isEqualTo(le.getLong(12));
        assertThat(key.auxHash()).isEqualTo(le.getLong(0));
        assertThat(key.key()).isEqualTo(SampleAuthKey.AUTH_KEY);
    }

    @Test
    void randomKeysAgreeWithAnIndependentComputation() throws Exception {
        Random random = new Random(6);
        for (int i = 0; i < 200; i++) {
            byte[] raw = new byte[256];
            random.nextBytes(raw);
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(raw);
            long id = 0;
            for (int j = 19; j >= 12; j--) {
                id = (id << 8) | (sha1[j] & 0xff);
            }
            assertThat(AuthKey.of(raw).id()).isEqualTo(id);
        }
    }

    @Test
    void rejectsWrongLengthsAndInconsistentIds() {
        assertThatThrownBy(() -> AuthKey.of(new byte[255])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuthKey.of(new byte[257])).isInstanceOf(IllegalArgumentException.class);
        AuthKey key = AuthKey.of(SampleAuthKey.AUTH_KEY);
        assertThatThrownBy(() -> new AuthKey(key.key(), key.id() + 1, key.auxHash()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuthKey(key.key(), key.id(), key.auxHash() + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new AuthKey(key.key(), key.id(), key.auxHash())).isEqualTo(key);
    }

    @Test
    void copiesItsInputComparesByContentAndDoesNotPrintTheKey() {
        byte[] raw = SampleAuthKey.AUTH_KEY.clone();
        AuthKey key = AuthKey.of(raw);
        raw[0] ^= 1;
        assertThat(key.key()).isEqualTo(SampleAuthKey.AUTH_KEY);
        assertThat(key).isEqualTo(AuthKey.of(SampleAuthKey.AUTH_KEY)).hasSameHashCodeAs(AuthKey.of(SampleAuthKey.AUTH_KEY));
        assertThat(key).isNotEqualTo(AuthKey.of(raw));
        assertThat(key.toString()).doesNotContainIgnoringCase(HexFormat.of().formatHex(SampleAuthKey.AUTH_KEY, 0, 4));
    }
}
