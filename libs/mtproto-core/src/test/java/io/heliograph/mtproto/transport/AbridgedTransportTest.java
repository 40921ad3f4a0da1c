package io.heliograph.mtproto.transport;

import static io.heliograph.mtproto.transport.TransportTests.abridged;
import static io.heliograph.mtproto.transport.TransportTests.buf;
import static io.heliograph.mtproto.transport.TransportTests.bytes;
import static io.heliograph.mtproto.transport.TransportTests.concat;
import static io.heliograph.mtproto.transport.TransportTests.feed;
import static io.heliograph.mtproto.transport.TransportTests.framing;
import static io.heliograph.mtproto.transport.TransportTests.le32;
import static io.heliograph.mtproto.transport.TransportTests.payload;
import static io.heliograph.mtproto.transport.TransportTests.readFrames;
import static io.heliograph.mtproto.transport.TransportTests.readOutbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heliograph.mtproto.transport.TransportException.Reason;
import io.heliograph.mtproto.transport.TransportTests.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(LeakCheck.class)
class AbridgedTransportTest {

    private static EmbeddedChannel channel() {
        return framing(TransportKind.ABRIDGED, TransportLimits.DEFAULT);
    }

    @Test
    void decodesShortAndExtendedHeadersWithAndWithoutQuickAck() {
        byte[] four = payload(4, 1);
        byte[] small = payload(504, 2);
        byte[] extended = payload(508, 3);
        byte[] input = concat(
                bytes(0x01), four,
                bytes(0x80 | 126), small,
                bytes(0x7f, 127, 0, 0), extended,
                bytes(0xff, 0x01, 0x00, 0x00), four,
                bytes(0x7f, 0x00, 0x01, 0x00), payload(1024, 4));

        assertThat(feed(channel(), input)).containsExactly(
                Frame.of(four, false),
                Frame.of(small, true),
                Frame.of(extended, false),
                Frame.of(four, true),
                Frame.of(payload(1024, 4), false));
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8, 504, 508, 512, 1024, 4096, 65536})
    void roundTripsThroughTheEncoder(int length) {
        byte[] payload = payload(length, length);
        EmbeddedChannel server = channel();
        ByteBuf out = buf(payload);
        assertThat(server.writeOutbound(out)).isTrue();
        byte[] wire = readOutbound(server);
        assertThat(out.refCnt()).isZero();
        assertThat(server.finish()).isFalse();

        assertThat(wire).isEqualTo(abridged(payload, false));
        assertThat(feed(channel(), wire)).containsExactly(Frame.of(payload, false));
    }

    @Test
    void encodesQuickAckByteSwappedWithoutHeader() {
        EmbeddedChannel server = channel();
        server.writeOutbound(new QuickAck(0x8a0b0c0d));
        assertThat(readOutbound(server)).isEqualTo(bytes(0x8a, 0x0b, 0x0c, 0x0d));
        assertThat(server.finish()).isFalse();
    }

    @Test
    void encodesTransportErrorAsFourBytePayload() {
        EmbeddedChannel server = channel();
        server.writeOutbound(TransportError.AUTH_KEY_NOT_FOUND);
        assertThat(readOutbound(server)).isEqualTo(concat(bytes(0x01), le32(-404)))
                .isEqualTo(bytes(0x01, 0x6c, 0xfe, 0xff, 0xff));
        assertThat(server.finish()).isFalse();
    }

    @Test
    void rejectsZeroLengthAndDiscardsTheRest() {
        EmbeddedChannel server = channel();
        ByteBuf bad = buf(bytes(0x00, 0x01, 0, 0, 0, 0));
        assertThatThrownBy(() -> server.writeInbound(bad))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EMPTY_FRAME));
        ByteBuf more = buf(abridged(payload(8, 1), false));
        assertThat(server.writeInbound(more)).isFalse();
        assertThat(readFrames(server)).isEmpty();
        assertThat(server.finish()).isFalse();
        assertThat(bad.refCnt()).isZero();
        assertThat(more.refCnt()).isZero();
    }

    @Test
    void rejectsExtendedZeroLength() {
        EmbeddedChannel server = channel();
        assertThatThrownBy(() -> server.writeInbound(buf(bytes(0x7f, 0, 0, 0))))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EMPTY_FRAME));
        assertThat(server.finish()).isFalse();
    }

    @Test
    void rejectsOversizedLengthBeforeThePayloadArrives() {
        EmbeddedChannel server = framing(TransportKind.ABRIDGED, new TransportLimits(1024));
        ByteBuf header = buf(bytes(0x7f, 0x01, 0x01, 0x00));
        assertThatThrownBy(() -> server.writeInbound(header))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FRAME_TOO_LARGE));
        assertThat(header.refCnt()).isZero();
        assertThat(server.finish()).isFalse();
    }

    @Test
    void acceptsExactlyTheLimit() {
        byte[] payload = payload(1024, 9);
        assertThat(feed(framing(TransportKind.ABRIDGED, new TransportLimits(1024)), abridged(payload, true)))
                .containsExactly(Frame.of(payload, true));
    }

    @Test
    void refusesToEncodeUnalignedOrEmptyPayloads() {
        for (int length : new int[] {0, 5}) {
            EmbeddedChannel server = channel();
            ByteBuf payload = ByteBufAllocator.DEFAULT.heapBuffer(length).writeZero(length);
            ChannelFuture future = server.writeOneOutbound(payload);
            server.flushOutbound();
            assertThat(future.cause()).isInstanceOf(EncoderException.class)
                    .hasRootCauseInstanceOf(IllegalArgumentException.class);
            assertThat(payload.refCnt()).isZero();
            assertThat(server.finish()).isFalse();
        }
    }
}
