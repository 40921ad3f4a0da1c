package io.heliograph.session.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heliograph.tl.api.InputCheckPasswordSRP;
import io.heliograph.tl.api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The SRP math against GramJS's answers and our test client, and what it refuses. */
class SrpTest {

    static final HexFormat HEX = HexFormat.of();
    static final SecureRandom RANDOM = new SecureRandom();

    /** {@code gramjs-srp-vector.json}: computed once by GramJS 2.26.22 ({@code gramjs-srp-vector.js} beside it). */
    static JsonNode gramjs;
    static byte[] salt1;
    static byte[] salt2;
    static BigInteger x;

    @BeforeAll
    static void readVector() throws IOException {
        try (InputStream in = SrpTest.class.getResourceAsStream("/password/gramjs-srp-vector.json")) {
            gramjs = new ObjectMapper().readTree(in);
        }
        salt1 = hex("salt1");
        salt2 = hex("salt2");
        x = Srp.x(gramjs.get("password").asString().getBytes(StandardCharsets.UTF_8), salt1, salt2);
    }

    static byte[] hex(String field) {
        return HEX.parseHex(gramjs.get(field).asString());
    }

    @Test
    void thePrimeIsTelegramsSafePrimeAndKIsHOfPAndG() {
        assertThat(Srp.P.bitLength()).isEqualTo(2048);
        assertThat(Srp.P.isProbablePrime(64)).isTrue();
        assertThat(Srp.P.shiftRight(1).isProbablePrime(64)).isTrue();
        assertThat(Srp.primeBytes()).hasSize(256);
        byte[] g = new byte[256];
        g[255] = 3;
        assertThat(Srp.k()).isEqualTo(new BigInteger(1, Srp.sha256(Srp.primeBytes(), g)));
    }

    @Test
    void theVerifierIsGramJsDigest() {
        assertThat(HEX.formatHex(Srp.verifier(x))).isEqualTo(gramjs.get("v").asString());
    }

    @Test
    void srpBIsTheOneOfTheVectorAndGramJsProofChecksOut() {
        BigInteger v = new BigInteger(1, hex("v"));
        BigInteger b = new BigInteger(1, hex("b"));
        byte[] serverB = Srp.serverB(v, b);
        assertThat(HEX.formatHex(serverB)).isEqualTo(gramjs.get("B").asString());

        assertThat(Srp.checkM1(hex("A"), hex("M1"), salt1, salt2, v, b, serverB)).isTrue();
        // another b (so another S), or the other user's salts, and the same proof fails
        assertThat(Srp.checkM1(hex("A"), hex("M1"), salt1, salt2, v, b.add(BigInteger.ONE), serverB)).isFalse();
        assertThat(Srp.checkM1(hex("A"), hex("M1"), salt2, salt1, v, b, serverB)).isFalse();
    }

    @Test
    void aFullRoundTripWithTheTestClient() {
        byte[] v = Srp.verifier(x);
        BigInteger b = Srp.newSecret(RANDOM);
        byte[] serverB = Srp.serverB(new BigInteger(1, v), b);
        InputCheckPasswordSRP proof = new SrpTestClient(RANDOM).check(algo(), serverB, 42, x);

        assertThat(proof.A()).hasSize(256);
        assertThat(proof.M1()).hasSize(32);
        assertThat(Srp.checkM1(proof.A(), proof.M1(), salt1, salt2, new BigInteger(1, v), b, serverB)).isTrue();
    }

    @Test
    void aWrongPasswordOrATamperedProofIsRefused() {
        BigInteger v = new BigInteger(1, Srp.verifier(x));
        BigInteger b = Srp.newSecret(RANDOM);
        byte[] serverB = Srp.serverB(v, b);
        SrpTestClient client = new SrpTestClient(RANDOM);

        InputCheckPasswordSRP wrong = client.check(algo(), serverB, 42,
                Srp.x("correct horse battery staple".getBytes(StandardCharsets.UTF_8), salt1, salt2));
        assertThat(Srp.checkM1(wrong.A(), wrong.M1(), salt1, salt2, v, b, serverB)).isFalse();

        InputCheckPasswordSRP right = client.check(algo(), serverB, 42, x);
        for (int bit : new int[] {0, 7, 100, 255}) {
            byte[] m1 = right.M1().clone();
            m1[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(Srp.checkM1(right.A(), m1, salt1, salt2, v, b, serverB)).isFalse();
        }
        byte[] a = right.A().clone();
        a[200] ^= 1;
        assertThat(Srp.checkM1(a, right.M1(), salt1, salt2, v, b, serverB)).isFalse();
        assertThat(Srp.checkM1(right.A(), java.util.Arrays.copyOf(right.M1(), 31), salt1, salt2, v, b, serverB)).isFalse();
        assertThat(Srp.checkM1(right.A(), right.M1(), salt1, salt2, v, b, serverB)).isTrue();
    }

    @Test
    void badValuesOfAAreRefused() {
        BigInteger v = new BigInteger(1, Srp.verifier(x));
        BigInteger b = Srp.newSecret(RANDOM);
        byte[] serverB = Srp.serverB(v, b);
        byte[] m1 = new byte[32];
        BigInteger p = Srp.P;
        for (BigInteger a : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE), p,
                p.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(1984).subtract(BigInteger.ONE),
                p.subtract(BigInteger.ONE.shiftLeft(1984)).add(BigInteger.ONE)}) {
            byte[] bytes = a.bitLength() > 2048 ? a.toByteArray() : Srp.pad(a);
            assertThat(Srp.checkM1(bytes, m1, salt1, salt2, v, b, serverB)).as("A = %s", a).isFalse();
        }
        // A = 0 is what lets an attacker in without the password when unchecked: S = 0 for any v
        byte[] zeroProof = Srp.m1(salt1, salt2, new byte[256], serverB, Srp.sha256(new byte[256]));
        assertThat(Srp.checkM1(new byte[256], zeroProof, salt1, salt2, v, b, serverB)).isFalse();
        byte[] pProof = Srp.m1(salt1, salt2, Srp.primeBytes(), serverB, Srp.sha256(new byte[256]));
        assertThat(Srp.checkM1(Srp.primeBytes(), pProof, salt1, salt2, v, b, serverB)).isFalse();
        assertThat(Srp.checkM1(new byte[257], m1, salt1, salt2, v, b, serverB)).isFalse();
        assertThat(Srp.checkM1(new byte[0], m1, salt1, salt2, v, b, serverB)).isFalse();
    }

    @Test
    void theServersPublicValueIsAlwaysGoodForClients() {
        for (int i = 0; i < 20; i++) {
            BigInteger b = Srp.newSecret(RANDOM);
            assertThat(Srp.isGoodPublicValue(BigInteger.valueOf(3).modPow(b, Srp.P))).isTrue();
        }
    }

    @Test
    void verifiersMustLieInTheGroup() {
        assertThat(Srp.isValidVerifier(Srp.verifier(x))).isTrue();
        assertThat(Srp.isValidVerifier(new byte[] {5})).isTrue();
        assertThat(Srp.isValidVerifier(new byte[0])).isFalse();
        assertThat(Srp.isValidVerifier(new byte[] {1})).isFalse();
        assertThat(Srp.isValidVerifier(new byte[256])).isFalse();
        assertThat(Srp.isValidVerifier(Srp.primeBytes())).isFalse();
        assertThat(Srp.isValidVerifier(Srp.pad(Srp.P.subtract(BigInteger.ONE)))).isFalse();
        assertThat(Srp.isValidVerifier(new byte[257])).isFalse();
    }

    @Test
    void padLeftAlignsToTwoHundredFiftySixBytes() {
        assertThat(Srp.pad(BigInteger.valueOf(0x0102))).hasSize(256).endsWith(1, 2).startsWith(0, 0);
        assertThat(Srp.pad(new byte[] {7})).hasSize(256).endsWith(7);
        assertThat(Srp.pad(Srp.P)).isEqualTo(Srp.primeBytes());
        assertThatThrownBy(() -> Srp.pad(BigInteger.ONE.shiftLeft(2048))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pbkdf2MatchesTheJdkForAnAsciiPassword() throws Exception {
        // the JDK's PBKDF2 takes characters (as UTF-8); for ASCII bytes both must agree
        byte[] password = "password".getBytes(StandardCharsets.US_ASCII);
        var spec = new javax.crypto.spec.PBEKeySpec("password".toCharArray(), salt2, 1000, 512);
        byte[] jdk = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        assertThat(Srp.pbkdf2HmacSha512(password, salt2, 1000)).isEqualTo(jdk);
    }

    static PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow algo() {
        return new PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow(salt1, salt2, Srp.G,
                Srp.primeBytes());
    }
}
