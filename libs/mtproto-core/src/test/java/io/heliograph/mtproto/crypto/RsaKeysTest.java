package io.heliograph.mtproto.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.Test;

class RsaKeysTest {

    /**
     * Telegram's production public key and its published fingerprint (shared/vectors rsa_fingerprints: GramJS
     * crypto/RSA.js, and the same constant in tdesktop, Telethon and grammers).
     */
    private static final String TELEGRAM_PRODUCTION_KEY = """
            -----BEGIN RSA PUBLIC KEY-----
            MIIBCgKCAQEA6LszBcC1LGzyr992NzE0ieY+BSaOW622Aa9Bd4ZHLl+TuFQ4lo4g
            5nKaMBwK/BIb9xUfg0Q29/2mgIR6Zr9krM7HjuIcCzFvDtr+L0GQjae9H0pRB2OO
            62cECs5HKhT5DZ98K33vmWiLowc621dQuwKWSQKjWf50XYFw42h21P2KXUGyp2y/
            +aEyZ+uVgLLQbRA1dEjSDZ2iGRy12Mk5gpYc397aYp438fsJoHIgJ2lgMv5h7WY9
            t6N/byY9Nw9p21Og3AoXSL2q/2IJ1WRUhebgAdGVMlV1fkuOQoEzR7EdpqtQD9Cs
            5+bfo3Nhmcyvk5ftB0WkJ9z6bNZ7yxrP8wIDAQAB
            -----END RSA PUBLIC KEY-----
            """;

    @Test
    void fingerprintMatchesTelegramsPublishedValue() {
        RSAPublicKey key = RsaKeys.parsePkcs1Pem(TELEGRAM_PRODUCTION_KEY);
        assertThat(key.getModulus().bitLength()).isEqualTo(2048);
        assertThat(RsaKeys.fingerprint(key)).isEqualTo(-3414540481677951611L);
    }

    @Test
    void pemRoundTripsAndGeneratedKeysAreClientFriendly() {
        KeyPair pair = RsaKeys.generateServerKey(new SecureRandom());
        RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
        assertThat(RsaKeys.isClientFriendly(pub)).isTrue();
        assertThat(RsaKeys.fingerprintHex(RsaKeys.fingerprint(pub))).hasSize(16);

        RSAPublicKey reparsed = RsaKeys.parsePkcs1Pem(RsaKeys.toPkcs1Pem(pub));
        assertThat(reparsed.getModulus()).isEqualTo(pub.getModulus());
        assertThat(RsaKeys.fingerprint(reparsed)).isEqualTo(RsaKeys.fingerprint(pub));

        KeyPair restored = RsaKeys.parsePkcs8Pem(RsaKeys.toPkcs8Pem((RSAPrivateCrtKey) pair.getPrivate()));
        assertThat(restored.getPublic()).isEqualTo(pub);
        assertThat(restored.getPrivate().getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
    }

    @Test
    void malformedPemGivesASpecificError() {
        assertThatThrownBy(() -> RsaKeys.parsePkcs1Pem("hello"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RSA PUBLIC KEY");
        assertThatThrownBy(() -> RsaKeys.parsePkcs1Pem("-----BEGIN RSA PUBLIC KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a PKCS#1");
    }
}
