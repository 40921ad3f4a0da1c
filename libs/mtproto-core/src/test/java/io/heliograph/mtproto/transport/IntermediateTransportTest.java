package io.heliograph.mtproto.transport;

import static io.heliograph.mtproto.transport.TransportTests.buf;
import static io.heliograph.mtproto.transport.TransportTests.bytes;
import static io.heliograph.mtproto.transport.TransportTests.concat;
import static io.heliograph.mtproto.transport.TransportTests.feed;
import static io.heliograph.mtproto.transport.TransportTests.framing;
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
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(LeakCheck.class)
class IntermediateTransportTest {

    private static EmbeddedChannel plainChannel() {
        return framing(TransportKind.INTERMEDIATE, TransportLimits.DEFAULT);
    }

    private static EmbeddedChannel paddedChannel() {
        return framing(TransportKind.PADDED_INTERMEDIATE, TransportLimits.DEFAULT);
    }

    @Test
    void decodesFramesAndTheQuickAckBit() {
        byte[] a = payload(8, 1);
        byte[] b = payload(2048, 2);
        byte[] input = concat(
                bytes(0x08, 0x00, 0x00, 0x00), a,
                bytes(0x00, 0x08, 0x00, 0x80), b);
        assertThat(feed(plainChannel(), input)).containsExactly(Frame.of(a, false), Frame.of(b, true));
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8, 1020, 1024, 1028, 4096, 100_000})
    void roundTripsThroughTheEncoder(int length) {
        byte[] payload = payload(length, length);
        EmbeddedChannel server = plainChannel();
        ByteBuf out = buf(payload);
        server.writeOutbound(out);
        byte[] wire = readOutbound(server);
        assertThat(out.refCnt()).isZero();
        assertThat(server.finish()).isFalse();

        assertThat(wire).isEqualTo(intermediate(payload, false));
        assertThat(feed(plainChannel(), wire)).containsExactly(Frame.of(payload, false));
    }

    @Test
    void encodesQuickAckAsLittleEndianTokenWithoutLength() {
        EmbeddedChannel server = plainChannel();
        server.writeOutbound(new QuickAck(0x8a0b0c0d));
        assertThat(readOutbound(server)).isEqualTo(bytes(0x0d, 0x0c, 0x0b, 0x8a));
        assertThat(server.finish()).isFalse();
    }

    @Test
    void encodesTransportError() {
        EmbeddedChannel server = plainChannel();
        server.writeOutbound(TransportError.FLOOD);
        assertThat(readOutbound(server)).isEqualTo(concat(le32(4), le32(-429)));
        assertThat(server.finish()).isFalse();
    }

    @Test
    void rejectsZeroUnalignedAndOversizedLengthsBeforeBuffering() {
        assertRejected(plainChannel(), bytes(0, 0, 0, 0), Reason.EMPTY_FRAME);
        assertRejected(plainChannel(), bytes(0, 0, 0, 0x80), Reason.EMPTY_FRAME);
        assertRejected(plainChannel(), bytes(6, 0, 0, 0, 1, 2), Reason.UNALIGNED_LENGTH);
        assertRejected(framing(TransportKind.INTERMEDIATE, new TransportLimits(4096)), le32(4100), Reason.FRAME_TOO_LARGE);
        assertRejected(plainChannel(), le32(0x7ffffffc), Reason.FRAME_TOO_LARGE);
        assertRejected(paddedChannel(), le32(0x7fffffff), Reason.FRAME_TOO_LARGE);
    }

    @Test
    void discardsEverythingAfterABadFrame() {
        EmbeddedChannel server = plainChannel();
        assertThatThrownBy(() -> server.writeInbound(buf(concat(le32(3), intermediate(payload(8, 1), false)))))
                .isInstanceOf(TransportException.class);
        ByteBuf later = buf(intermediate(payload(8, 2), false));
        assertThat(server.writeInbound(later)).isFalse();
        assertThat(later.refCnt()).isZero();
        assertThat(server.finish()).isFalse();
    }

    @Test
    void paddedDeliversPayloadWithPaddingAndAcceptsUnalignedLengths() {
        byte[] a = payload(24, 1);
        byte[] b = payload(40, 2);
        byte[] input = concat(padded(a, payload(7, 3), true), padded(b, new byte[0], false));
        assertThat(feed(paddedChannel(), input)).containsExactly(
                Frame.of(concat(a, payload(7, 3)), true),
                Frame.of(b, false));
    }

    @Test
    void paddedEncoderAddsZeroToFifteenRandomBytes() {
        byte[] payload = payload(64, 5);
        Set<Integer> paddings = new HashSet<>();
        EmbeddedChannel server = paddedChannel();
        for (int i = 0; i < 400; i++) {
            server.writeOutbound(buf(payload));
            byte[] wire = readOutbound(server);
            int length = TransportTests.le32(wire, 0);
            assertThat(wire).hasSize(4 + length);
            assertThat(slice(wire, 4, 4 + payload.length)).isEqualTo(payload);
            paddings.add(length - payload.length);
        }
        assertThat(server.finish()).isFalse();
        assertThat(paddings).allSatisfy(p -> assertThat(p).isBetween(0, 15)).hasSizeGreaterThan(8);
    }

    @Test
    void paddedRoundTripKeepsThePayloadAsPrefix() {
        byte[] payload = payload(4096, 6);
        EmbeddedChannel server = paddedChannel();
        server.writeOutbound(buf(payload));
        byte[] wire = readOutbound(server);
        assertThat(server.finish()).isFalse();
        List<Frame> frames = feed(paddedChannel(), wire);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).hex()).startsWith(Frame.of(payload, false).hex());
        assertThat(frames.get(0).hex().length() / 2 - payload.length).isBetween(0, 15);
    }

    @Test
    void paddedQuickAckIsAFramedMarkerAndToken() {
        EmbeddedChannel server = paddedChannel();
        Set<Integer> lengths = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            server.writeOutbound(new QuickAck(0x8a0b0c0d));
            byte[] wire = readOutbound(server);
            int length = TransportTests.le32(wire, 0);
            assertThat(length).isBetween(8, 16);
            assertThat(wire).hasSize(4 + length);
            assertThat(slice(wire, 4, 12)).isEqualTo(bytes(0xff, 0xff, 0xff, 0xff, 0x0d, 0x0c, 0x0b, 0x8a));
            lengths.add(length);
        }
        assertThat(lengths).hasSizeGreaterThan(3);
        assertThat(server.finish()).isFalse();
    }

    @Test
    void paddedTransportErrorStartsWithTheCode() {
        EmbeddedChannel server = paddedChannel();
        server.writeOutbound(TransportError.INVALID_DC);
        byte[] wire = readOutbound(server);
        assertThat(TransportTests.le32(wire, 0)).isBetween(4, 19);
        assertThat(TransportTests.le32(wire, 4)).isEqualTo(-444);
        assertThat(server.finish()).isFalse();
    }

    @Test
    void plainEncoderRefusesUnalignedPayloadButPaddedAcceptsIt() {
        EmbeddedChannel server = plainChannel();
        ByteBuf odd = ByteBufAllocator.DEFAULT.heapBuffer(6).writeZero(6);
        ChannelFuture future = server.writeOneOutbound(odd);
        server.flushOutbound();
        assertThat(future.cause()).isInstanceOf(EncoderException.class);
        assertThat(odd.refCnt()).isZero();
        assertThat(server.finish()).isFalse();

        EmbeddedChannel paddedServer = paddedChannel();
        paddedServer.writeOutbound(buf(payload(6, 1)));
        assertThat(TransportTests.le32(readOutbound(paddedServer), 0)).isBetween(6, 21);
        assertThat(paddedServer.finish()).isFalse();
    }

    private static void assertRejected(EmbeddedChannel channel, byte[] input, Reason reason) {
        ByteBuf in = buf(input);
        assertThatThrownBy(() -> channel.writeInbound(in))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.reason()).isEqualTo(reason));
        assertThat(in.refCnt()).isZero();
        assertThat(readFrames(channel)).isEmpty();
        assertThat(channel.finish()).isFalse();
    }
}
