package io.heliograph.mtproto.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashesTest {

    private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

    /** FIPS 180-2, appendix A.1 and B.1 ("abc"), and the well-known digests of the empty string. */
    @Test
    void knownAnswers() {
        assertThat(hex(Hashes.sha1(ABC))).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(hex(Hashes.sha256(ABC)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(hex(Hashes.sha1())).isEqualTo("da39a3ee5e6b4b0d3255bfef95601890afd80709");
        assertThat(hex(Hashes.sha256(new byte[0], 0, 0)))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void rangesAndPartsEqualTheConcatenation() throws Exception {
        Random random = new Random(1);
        for (int i = 0; i < 300; i++) {
            byte[] data = new byte[random.nextInt(300)];
            random.nextBytes(data);
            int cut = random.nextInt(data.length + 1);
            int end = cut + random.nextInt(data.length - cut + 1);
            byte[] whole = Arrays.copyOfRange(data, 0, end);
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(whole);
            byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(whole);

            assertThat(Hashes.sha1(data, 0, end)).isEqualTo(sha1);
            assertThat(Hashes.sha256(data, 0, end)).isEqualTo(sha256);
            assertThat(Hashes.sha1(data, 0, cut, data, cut, end - cut)).isEqualTo(sha1);
            assertThat(Hashes.sha256(data, 0, cut, data, cut, end - cut)).isEqualTo(sha256);
            assertThat(Hashes.sha1(Arrays.copyOf(whole, cut), Arrays.copyOfRange(whole, cut, end))).isEqualTo(sha1);
            assertThat(Hashes.sha256(Arrays.copyOf(whole, cut), Arrays.copyOfRange(whole, cut, end))).isEqualTo(sha256);

            byte[] out = new byte[40];
            Hashes.sha256(data, 0, cut, data, cut, end - cut, out, 5);
            assertThat(Arrays.copyOfRange(out, 5, 37)).isEqualTo(sha256);
        }
    }

    @Test
    void aFailedCallDoesNotLeaveStateInTheThreadsDigest() {
        byte[] shortArray = new byte[4];
        assertThatThrownBy(() -> Hashes.sha256(ABC, 0, 3, shortArray, 0, 10)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> Hashes.sha1(ABC, 0, 3, shortArray, 0, 10)).isInstanceOf(RuntimeException.class);
        assertThat(hex(Hashes.sha256(ABC, 0, 3)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(hex(Hashes.sha1(ABC, 0, 3))).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
    }

    @Test
    void threadsDoNotShareDigests() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int i = 0; i < 500; i++) {
                        byte[] data = new byte[random.nextInt(200)];
                        random.nextBytes(data);
                        if (!Arrays.equals(Hashes.sha256(data, 0, data.length),
                                MessageDigest.getInstance("SHA-256").digest(data))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void sha1PrefixMatchesChecksTheHashOverExactlyTheData() {
        byte[] data = "some tl object".getBytes(StandardCharsets.US_ASCII);
        byte[] buf = new byte[20 + data.length + 3];
        System.arraycopy(Hashes.sha1(data), 0, buf, 0, 20);
        System.arraycopy(data, 0, buf, 20, data.length);

        assertThat(Hashes.sha1PrefixMatches(buf, data.length)).isTrue();
        assertThat(Hashes.sha1PrefixMatches(buf, data.length + 1)).isFalse();
        assertThat(Hashes.sha1PrefixMatches(buf, data.length - 1)).isFalse();
        assertThat(Hashes.sha1PrefixMatches(buf, buf.length)).isFalse();
        assertThat(Hashes.sha1PrefixMatches(buf, -1)).isFalse();
        buf[0] ^= 1;
        assertThat(Hashes.sha1PrefixMatches(buf, data.length)).isFalse();
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
