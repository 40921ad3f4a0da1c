package io.heliograph.mtproto.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.mtproto.crypto.Pq;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PqFactorizerTest {

    /** From https://core.telegram.org/mtproto/samples-auth_key: pq = 0x17ED48941A08F981. */
    @Test
    void theSpecExample() {
        assertThat(PqFactorizer.factor(0x17ED48941A08F981L)).containsExactly(0x494C553BL, 0x53911073L);
    }

    @Test
    void challengesAsTheServerMakesThem() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 200; i++) {
            Pq pq = Pq.generate(random);
            assertThat(PqFactorizer.factor(pq.pq())).containsExactly(pq.p(), pq.q());
        }
    }

    @Test
    void productsAbove2To62() {
        long p = 3_037_000_453L;
        long q = 3_037_000_493L;
        assertThat(PqFactorizer.factor(p * q)).containsExactly(p, q);
    }
}
