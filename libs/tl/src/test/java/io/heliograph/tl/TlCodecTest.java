package io.heliograph.tl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TlCodecTest {

    @Test
    void primitivesAreLittleEndian() {
        byte[] out = new TlWriter().writeInt(0x05162463).writeLong(0x0102030405060708L).toByteArray();
        assertThat(HexFormat.of().formatHex(out)).isEqualTo("632416050807060504030201");
    }

    @Test
    void shortBytesArePaddedToFourBytes() {
        // From the resPQ example in /mtproto/samples-auth_key: pq as TL bytes.
        byte[] out = new TlWriter().writeBytes(HexFormat.of().parseHex("17ed48941a08f981")).toByteArray();
        assertThat(HexFormat.of().formatHex(out)).isEqualTo("0817ed48941a08f981000000");
    }

    @Test
    void bytesRoundTripAcrossTheLongHeaderBoundary() {
        Random random = new Random(42);
        for (int len : new int[] {0, 1, 3, 4, 252, 253, 254, 255, 256, 1000, 70_000}) {
            byte[] data = new byte[len];
            random.nextBytes(data);
            TlWriter w = new TlWriter();
            w.writeBytes(data).writeInt(7);
            byte[] encoded = w.toByteArray();
            assertThat(encoded.length).isEqualTo(TlWriter.bytesSize(len) + 4);
            assertThat(encoded.length % 4).isZero();
            TlReader r = new TlReader(encoded);
            assertThat(r.readBytes()).isEqualTo(data);
            assertThat(r.readInt()).isEqualTo(7);
            assertThat(r.hasRemaining()).isFalse();
        }
    }

    @Test
    void boundedLengthsRejectBeforeAllocating() {
        byte[] encoded = new TlWriter().writeBytes(new byte[300]).toByteArray();
        assertThatThrownBy(() -> new TlReader(encoded).readBytes(299))
                .isInstanceOf(TlDecodeException.class).hasMessageContaining("exceed the bound 299");
        // A header claiming 16 MiB in a 4-byte input is truncated, not allocated.
        byte[] lying = {(byte) 254, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThatThrownBy(() -> new TlReader(lying).readBytes())
                .isInstanceOf(TlDecodeException.class).hasMessageContaining("truncated");
    }

    @Test
    void vectorCountsAreBoundedByTheInput() {
        byte[] encoded = new TlWriter().writeInt(TlConstants.VECTOR).writeInt(1_000_000).toByteArray();
        assertThatThrownBy(() -> new TlReader(encoded).readVectorHeader(Integer.MAX_VALUE, 8))
                .isInstanceOf(TlDecodeException.class).hasMessageContaining("cannot fit");
        assertThatThrownBy(() -> new TlReader(encoded).readVectorHeader(10, 8))
                .isInstanceOf(TlDecodeException.class).hasMessageContaining("exceeds the bound 10");
    }

    @Test
    void boolRejectsOtherConstructors() {
        byte[] t = new TlWriter().writeBool(true).writeBool(false).writeInt(0x12345678).toByteArray();
        TlReader r = new TlReader(t);
        assertThat(r.readBool()).isTrue();
        assertThat(r.readBool()).isFalse();
        assertThatThrownBy(r::readBool).isInstanceOf(TlDecodeException.class).hasMessageContaining("0x12345678");
    }

    @Test
    void schemasArePackaged() {
        for (String name : new String[] {"mtproto.tl", "api-layer158.tl", "api-layer198.tl", "api-layer227.tl", "api-layer228.tl"}) {
            assertThat(TlCodecTest.class.getResource("/tl/" + name)).as(name).isNotNull();
        }
    }
}
