package io.heliograph.mtproto.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.mtproto.crypto.RsaPad;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The client's RSA_PAD undone by the server's {@link RsaPad}. */
class RsaPadEncryptionTest {

    @Test
    void theServerRecoversTheData() {
        SecureRandom random = new SecureRandom();
        for (int length : new int[] {0, 4, 100, RsaPadEncryption.MAX_DATA_LENGTH}) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            byte[] encrypted = RsaPadEncryption.encrypt(TestServer.publicKey(), data, random);
            assertThat(encrypted).hasSize(256);
            byte[] padded = RsaPad.decrypt((RSAPrivateKey) TestServer.RSA.getPrivate(), encrypted).orElseThrow();
            assertThat(Arrays.copyOf(padded, length)).isEqualTo(data);
        }
    }
}
