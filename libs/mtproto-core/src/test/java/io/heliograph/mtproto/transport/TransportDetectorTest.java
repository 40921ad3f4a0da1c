package io.heliograph.mtproto.transport;

import static io.heliograph.mtproto.transport.TransportTests.abridged;
import static io.heliograph.mtproto.transport.TransportTests.buf;
import static io.heliograph.mtproto.transport.TransportTests.bytes;
import static io.heliograph.mtproto.transport.TransportTests.concat;
import static io.heliograph.mtproto.transport.TransportTests.detecting;
import static io.heliograph.mtproto.transport.TransportTests.full;
import static io.heliograph.mtproto.transport.TransportTests.intermediate;
import static io.heliograph.mtproto.transport.TransportTests.le32;
import static io.heliograph.mtproto.transport.TransportTests.padded;
import static io.heliograph.mtproto.transport.TransportTests.payload;
import static io.heliograph.mtproto.transport.TransportTests.readFrames;
import static io.heliograph.mtproto.transport.TransportTests.readOutbound;
import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.mtproto.transport.TransportTests.Frame;
import io.heliograph.mtproto.transport.TransportTests.Recorder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(LeakCheck.class)
class TransportDetectorTest {

    private static final byte[] P = payload(16, 1);

    static Stream<Arguments> plainTransports() {
        return Stream.of(
                Arguments.of(TransportKind.ABRIDGED, concat(bytes(0xef), abridged(P, false)),
                        abridged(P, false)),
                Arguments.of(TransportKind.INTERMEDIATE, concat(le32(0xeeeeeeee), intermediate(P, false)),
                        intermediate(P, false)),
                Arguments.of(TransportKind.PADDED_INTERMEDIATE, concat(le32(0xdddddddd), padded(P, new byte[0], false)),
                        intermediate(P, false)),
                Arguments.of(TransportKind.FULL, full(0, P), full(0, P)));
    }

    @ParameterizedTest
    @MethodSource("plainTransports")
    void detectsEachTransportFromBytesArrivingOneAtATime(TransportKind kind, byte[] input, byte[] ignored) {
        Recorder recorder = new Recorder();
        EmbeddedChannel channel = detecting(TransportLimits.DEFAULT, recorder);
        List<Frame> frames = new ArrayList<>();
        for (byte b : input) {
            channel.writeInbound(buf(new byte[] {b}));
            frames.addAll(readFrames(channel));
        }
        assertThat(frames).containsExactly(Frame.of(P, false));
        assertThat(recorder.events).containsExactly(new TransportDetectedEvent(kind, false, 0));
        assertThat(recorder.timeline).first().isEqualTo(new TransportDetectedEvent(kind, false, 0));
        assertThat(channel.pipeline().names()).containsSubsequence(TransportPipeline.FRAME_DECODER,
                TransportPipeline.FRAME_ENCODER, TransportPipeline.ERROR_RESPONDER)
                .doesNotContain(TransportPipeline.DETECTOR, TransportPipeline.OBFUSCATION);
        assertThat(channel.finish()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("plainTransports")
    void serverAnswersInTheDetectedFraming(TransportKind kind, byte[] input, byte[] expectedReply) {
        EmbeddedChannel channel = detecting();
        channel.writeInbound(buf(input));
        assertThat(readFrames(channel)).hasSize(1);
        channel.writeOutbound(buf(P));
        byte[] reply = readOutbound(channel);
        if (kind == TransportKind.PADDED_INTERMEDIATE) {
            assertThat(TransportTests.le32(reply, 0)).isBetween(P.length, P.length + 15);
        } else {
            assertThat(reply).isEqualTo(expectedReply);
        }
        assertThat(channel.finish()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0xefefefef, 0xeeeeeeee, 0xdddddddd})
    void detectsObfuscationFromBytesArrivingOneAtATime(int tag) {
        ObfuscatedClient client = new ObfuscatedClient(tag, -5, new Random(tag));
        TransportKind kind = TransportKind.forObfuscationTag(tag).orElseThrow();
        byte[] frame = switch (kind) {
            case ABRIDGED -> abridged(P, true);
            case INTERMEDIATE -> intermediate(P, true);
            default -> padded(P, new byte[0], true);
        };
        byte[] wire = client.wire(frame);
        Recorder recorder = new Recorder();
        EmbeddedChannel channel = detecting(TransportLimits.DEFAULT, recorder);
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < wire.length; i++) {
            channel.writeInbound(buf(new byte[] {wire[i]}));
            frames.addAll(readFrames(channel));
            assertThat(recorder.events).hasSize(i < 63 ? 0 : 1);
        }
        assertThat(frames).containsExactly(Frame.of(P, true));
        assertThat(recorder.events).containsExactly(new TransportDetectedEvent(kind, true, -5));
        assertThat(channel.finish()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST /api HTTP/1.1\r\nHost: x\r\n\r\n", "GET / HTTP/1.1\r\n\r\n",
            "HEAD / HTTP/1.1\r\n\r\n", "OPTIONS /api HTTP/1.1\r\n\r\n"})
    void reportsHttpAndPassesTheRequestBytesOn(String request) {
        byte[] input = request.getBytes(StandardCharsets.US_ASCII);
        Recorder recorder = new Recorder();
        // the detector alone: it reports HTTP and hands every byte on unchanged
        EmbeddedChannel channel = new EmbeddedChannel(new TransportDetector(TransportLimits.DEFAULT), recorder);
        ByteArrayOutputStream passed = new ByteArrayOutputStream();
        for (byte b : input) {
            channel.writeInbound(buf(new byte[] {b}));
            drainRaw(channel, passed);
        }
        assertThat(recorder.events).containsExactly(new TransportDetectedEvent(TransportKind.HTTP, false, 0));
        assertThat(passed.toByteArray()).isEqualTo(input);
        assertThat(channel.pipeline().names()).doesNotContain(TransportPipeline.DETECTOR,
                TransportPipeline.FRAME_DECODER);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void configuredPipelinesServeHttpOnTheSamePort() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Transports.configure(channel.pipeline(), TransportLimits.DEFAULT);
        byte[] request = "OPTIONS /api HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        channel.writeInbound(buf(TransportTests.slice(request, 0, 6)));
        channel.writeInbound(buf(TransportTests.slice(request, 6, request.length)));
        assertThat(channel.pipeline().names()).contains(TransportPipeline.HTTP_CODEC, TransportPipeline.HTTP_HANDLER)
                .doesNotContain(TransportPipeline.DETECTOR, TransportPipeline.HTTP_INSTALLER);
        ByteBuf response = channel.readOutbound();
        assertThat(response.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200 OK")
                .contains("access-control-allow-origin: *");
        response.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void fullTransportNeedsEightBytesAndObfuscationSixtyFour() {
        Recorder recorder = new Recorder();
        EmbeddedChannel channel = detecting(TransportLimits.DEFAULT, recorder);
        channel.writeInbound(buf(bytes(0x14, 0, 0, 0, 0, 0, 0)));
        assertThat(recorder.events).isEmpty();
        channel.writeInbound(buf(bytes(0)));
        assertThat(recorder.events).containsExactly(new TransportDetectedEvent(TransportKind.FULL, false, 0));
        channel.writeInbound(buf(TransportTests.slice(full(0, payload(8, 2)), 8, 20)));
        assertThat(readFrames(channel)).containsExactly(Frame.of(payload(8, 2), false));
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void bytesAlreadyBufferedWithTheMarkerReachTheNewDecoder() {
        byte[] a = payload(8, 3);
        byte[] b = payload(600, 4);
        EmbeddedChannel channel = detecting();
        channel.writeInbound(buf(concat(le32(0xeeeeeeee), intermediate(a, false), intermediate(b, true))));
        assertThat(readFrames(channel)).containsExactly(Frame.of(a, false), Frame.of(b, true));
        assertThat(channel.finish()).isFalse();
    }

    private static void drainRaw(EmbeddedChannel channel, ByteArrayOutputStream sink) {
        for (Object msg; (msg = channel.readInbound()) != null; ) {
            assertThat(msg).isInstanceOf(ByteBuf.class);
            ByteBuf buf = (ByteBuf) msg;
            sink.writeBytes(TransportTests.toBytes(buf));
            buf.release();
        }
    }
}
