package io.heliograph.mtproto.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AesCtrTest {

    @Test
    @SuppressWarnings("unchecked")
    void vectorsFromTheJsonFileContinueTheKeystreamAcrossCalls() {
        for (Map<String, Object> v : Vectors.section("aes256_ctr_obfuscation")) {
            AesCtr ctr = new AesCtr(Vectors.ascii(v, "key_ascii"), Vectors.ascii(v, "iv_ascii"));
            List<String> chunks = (List<String>) v.get("chunks_ascii");
            List<String> outputs = (List<String>) v.get("outputs");
            for (int i = 0; i < chunks.size(); i++) {
                byte[] out = ctr.update(chunks.get(i).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                assertThat(out).as("%s, chunk %d", v.get("source"), i).isEqualTo(SampleAuthKey.hex(outputs.get(i)));
            }
        }
    }

    @Test
    void randomChunkingEqualsOneShot() {
        Random random = new Random(4);
        for (int i = 0; i < 200; i++) {
            byte[] key = bytes(random, 32);
            byte[] iv = bytes(random, 16);
            byte[] data = bytes(random, random.nextInt(600));
            byte[] expected = new AesCtr(key, iv).update(data);

            AesCtr chunked = new AesCtr(key, iv);
            byte[] inPlace = data.clone();
            for (int pos = 0; pos < data.length; ) {
                int n = Math.min(data.length - pos, random.nextInt(40));
                chunked.update(inPlace, pos, n, inPlace, pos);
                pos += n;
            }
            assertThat(inPlace).isEqualTo(expected);
            assertThat(new AesCtr(key, iv).update(expected)).isEqualTo(data);
        }
    }

    @Test
    void byteBuffersHeapAndDirectMatchArrays() {
        Random random = new Random(5);
        byte[] key = bytes(random, 32);
        byte[] iv = bytes(random, 16);
        byte[] data = bytes(random, 1000);
        byte[] expected = new AesCtr(key, iv).update(data);

        AesCtr ctr = new AesCtr(key, iv);
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length);
        direct.put(data).flip();
        for (int pos = 0; pos < data.length; ) {
            int n = Math.min(data.length - pos, 1 + random.nextInt(100));
            ByteBuffer in = direct.duplicate().position(pos).limit(pos + n);
            ByteBuffer out = direct.duplicate().position(pos);
            ctr.update(in, out);
            assertThat(in.remaining()).isZero();
            assertThat(out.position()).isEqualTo(pos + n);
            pos += n;
        }
        byte[] got = new byte[data.length];
        direct.get(got);
        assertThat(got).isEqualTo(expected);

        ByteBuffer heapOut = ByteBuffer.allocate(data.length);
        new AesCtr(key, iv).update(ByteBuffer.wrap(data), heapOut);
        assertThat(heapOut.array()).isEqualTo(expected);
    }

    @Test
    void rejectsWrongSizes() {
        assertThatThrownBy(() -> new AesCtr(new byte[16], new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AesCtr(new byte[32], new byte[32])).isInstanceOf(IllegalArgumentException.class);
        AesCtr ctr = new AesCtr(new byte[32], new byte[16]);
        assertThatThrownBy(() -> ctr.update(new byte[4], 0, 8, new byte[8], 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ctr.update(ByteBuffer.allocate(8), ByteBuffer.allocate(4)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
