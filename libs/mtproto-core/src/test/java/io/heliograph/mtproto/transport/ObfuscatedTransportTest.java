package io.heliograph.mtproto.transport;

import static io.heliograph.mtproto.transport.TransportTests.abridged;
import static io.heliograph.mtproto.transport.TransportTests.buf;
import static io.heliograph.mtproto.transport.TransportTests.bytes;
import static io.heliograph.mtproto.transport.TransportTests.concat;
import static io.heliograph.mtproto.transport.TransportTests.detecting;
import static io.heliograph.mtproto.transport.TransportTests.directBuf;
import static io.heliograph.mtproto.transport.TransportTests.feed;
import static io.heliograph.mtproto.transport.TransportTests.intermediate;
import static io.heliograph.mtproto.transport.TransportTests.le32;
import static io.heliograph.mtproto.transport.TransportTests.padded;
import static io.heliograph.mtproto.transport.TransportTests.payload;
import static io.heliograph.mtproto.transport.TransportTests.readFrames;
import static io.heliograph.mtproto.transport.TransportTests.readOutbound;
import static io.heliograph.mtproto.transport.TransportTests.slice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heliograph.mtproto.transport.TransportException.Reason;
import io.heliograph.mtproto.transport.TransportTests.Frame;
import io.heliograph.mtproto.transport.TransportTests.Recorder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class ObfuscatedTransportTest {

    private final Random random = new Random(42);

    @Test
    void headerYieldsTagDcIdAndBothStreams() {
        ObfuscatedClient client = new ObfuscatedClient(0xeeeeeeee, -2, random);
        ObfuscatedCodec codec = ObfuscatedCodec.fromClientHeader(client.header);
        assertThat(codec.innerKind()).isEqualTo(TransportKind.INTERMEDIATE);
        assertThat(codec.dcId()).isEqualTo(-2);

        EmbeddedChannel channel = new EmbeddedChannel(codec);
        byte[] secret = payload(100, 1);
        channel.writeInbound(buf(client.encrypt(secret)));
        ByteBuf plain = channel.readInbound();
        assertThat(TransportTests.toBytes(plain)).isEqualTo(secret);
        plain.release();

        channel.writeOutbound(buf(secret));
        assertThat(client.decrypt(readOutbound(channel))).isEqualTo(secret);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void bytesOnTheWireAreNotThePlainHeader() {
        ObfuscatedClient client = new ObfuscatedClient(0xefefefef, 2, random);
        assertThat(slice(client.header, 56, 60)).isNotEqualTo(bytes(0xef, 0xef, 0xef, 0xef));
    }

    @Test
    void abridgedInsideObfuscationBothWays() {
        ObfuscatedClient client = new ObfuscatedClient(0xefefefef, 4, random);
        Recorder recorder = new Recorder();
        EmbeddedChannel server = detecting(TransportLimits.DEFAULT, recorder);
        byte[] a = payload(64, 1);
        byte[] b = payload(1024, 2);
        server.writeInbound(buf(client.wire(concat(abridged(a, true), abridged(b, false)))));
        assertThat(readFrames(server)).containsExactly(Frame.of(a, true), Frame.of(b, false));
        assertThat(recorder.events).containsExactly(new TransportDetectedEvent(TransportKind.ABRIDGED, true, 4));
        assertThat(server.pipeline().names()).containsSubsequence(TransportPipeline.OBFUSCATION,
                TransportPipeline.FRAME_DECODER, TransportPipeline.FRAME_ENCODER, TransportPipeline.ERROR_RESPONDER)
                .doesNotContain(TransportPipeline.DETECTOR);

        byte[] reply = payload(2048, 3);
        server.writeOutbound(buf(reply), new QuickAck(0x8a0b0c0d), TransportError.AUTH_KEY_NOT_FOUND);
        byte[] plain = client.decrypt(readOutbound(server));
        assertThat(plain).isEqualTo(concat(abridged(reply, false), bytes(0x8a, 0x0b, 0x0c, 0x0d), bytes(0x01),
                le32(-404)));

        byte[] c = payload(12, 4);
        server.writeInbound(buf(client.encrypt(abridged(c, false))));
        assertThat(readFrames(server)).containsExactly(Frame.of(c, false));
        assertThat(server.finish()).isFalse();
    }

    @Test
    void intermediateInsideObfuscationWithMediaDc() {
        ObfuscatedClient client = new ObfuscatedClient(0xeeeeeeee, -3, random);
        Recorder recorder = new Recorder();
        EmbeddedChannel server = detecting(TransportLimits.DEFAULT, recorder);
        byte[] a = payload(88, 5);
        List<Frame> frames = feed(server, client.wire(intermediate(a, true)), 1, 30, 63, 64, 65, 70);
        assertThat(frames).containsExactly(Frame.of(a, true));
        assertThat(recorder.events).containsExactly(new TransportDetectedEvent(TransportKind.INTERMEDIATE, true, -3));
    }

    @Test
    void paddedIntermediateInsideObfuscation() {
        ObfuscatedClient client = new ObfuscatedClient(0xdddddddd, 2, random);
        Recorder recorder = new Recorder();
        EmbeddedChannel server = detecting(TransportLimits.DEFAULT, recorder);
        byte[] a = payload(40, 6);
        byte[] pad = payload(5, 7);
        server.writeInbound(buf(client.wire(padded(a, pad, false))));
        assertThat(readFrames(server)).containsExactly(Frame.of(concat(a, pad), false));
        assertThat(recorder.events).containsExactly(new TransportDetectedEvent(TransportKind.PADDED_INTERMEDIATE, true, 2));

        server.writeOutbound(new QuickAck(0x8a0b0c0d));
        byte[] plain = client.decrypt(readOutbound(server));
        assertThat(TransportTests.le32(plain, 0)).isBetween(8, 16);
        assertThat(slice(plain, 4, 12)).isEqualTo(bytes(0xff, 0xff, 0xff, 0xff, 0x0d, 0x0c, 0x0b, 0x8a));
        assertThat(server.finish()).isFalse();
    }

    @Test
    void decryptsDirectAndReadOnlyBuffers() {
        ObfuscatedClient client = new ObfuscatedClient(0xeeeeeeee, 1, random);
        EmbeddedChannel server = detecting();
        server.writeInbound(buf(client.header));
        byte[] a = payload(32, 8);
        byte[] b = payload(2000, 9);
        ByteBuf direct = directBuf(client.encrypt(intermediate(a, false)));
        server.writeInbound(direct);
        ByteBuf readOnlyBacking = buf(client.encrypt(intermediate(b, false)));
        server.writeInbound(readOnlyBacking.asReadOnly());
        assertThat(readFrames(server)).containsExactly(Frame.of(a, false), Frame.of(b, false));
        assertThat(direct.refCnt()).isZero();
        assertThat(readOnlyBacking.refCnt()).isZero();
        assertThat(server.finish()).isFalse();
    }

    @Test
    void unknownTagIsRejected() {
        ObfuscatedClient client = new ObfuscatedClient(0x12345678, 2, random);
        assertThatThrownBy(() -> ObfuscatedCodec.fromClientHeader(client.header))
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_PROTOCOL));
        assertThatThrownBy(() -> ObfuscatedCodec.fromClientHeader(new byte[63]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void streamsContinueAcrossManySmallWrites() {
        ObfuscatedClient client = new ObfuscatedClient(0xeeeeeeee, 2, random);
        EmbeddedChannel server = detecting();
        server.writeInbound(buf(client.header));
        StringBuilder expected = new StringBuilder();
        StringBuilder actual = new StringBuilder();
        for (int i = 1; i <= 50; i++) {
            byte[] p = payload(4 * i, i);
            server.writeInbound(buf(client.encrypt(intermediate(p, false))));
            expected.append(Frame.of(p, false));
            readFrames(server).forEach(actual::append);
            server.writeOutbound(buf(p));
            assertThat(client.decrypt(readOutbound(server))).isEqualTo(intermediate(p, false));
        }
        assertThat(actual.toString()).isEqualTo(expected.toString());
        assertThat(server.finish()).isFalse();
    }
}
