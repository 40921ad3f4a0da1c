package io.heliograph.mtproto.transport;

import static io.heliograph.mtproto.transport.TransportTests.buf;
import static io.heliograph.mtproto.transport.TransportTests.concat;
import static io.heliograph.mtproto.transport.TransportTests.crc32;
import static io.heliograph.mtproto.transport.TransportTests.feed;
import static io.heliograph.mtproto.transport.TransportTests.framing;
import static io.heliograph.mtproto.transport.TransportTests.full;
import static io.heliograph.mtproto.transport.TransportTests.le32;
import static io.heliograph.mtproto.transport.TransportTests.payload;
import static io.heliograph.mtproto.transport.TransportTests.readFrames;
import static io.heliograph.mtproto.transport.TransportTests.readOutbound;
import static io.heliograph.mtproto.transport.TransportTests.slice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heliograph.mtproto.transport.TransportException.Reason;
import io.heliograph.mtproto.transport.TransportTests.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class FullTransportTest {

    private static EmbeddedChannel channel() {
        return framing(TransportKind.FULL, TransportLimits.DEFAULT);
    }

    @Test
    void decodesConsecutiveSequenceNumbers() {
        byte[] a = payload(40, 1);
        byte[] b = payload(2000, 2);
        byte[] c = payload(4, 3);
        assertThat(feed(channel(), concat(full(0, a), full(1, b), full(2, c))))
                .containsExactly(Frame.of(a, false), Frame.of(b, false), Frame.of(c, false));
    }

    @Test
    void handBuiltFrameMatchesTheSpecLayout() {
        byte[] payload = payload(8, 4);
        byte[] frame = full(0, payload);
        assertThat(frame).hasSize(20);
        assertThat(slice(frame, 0, 4)).isEqualTo(le32(20));
        assertThat(slice(frame, 4, 8)).isEqualTo(le32(0));
        assertThat(slice(frame, 16, 20)).isEqualTo(le32(crc32(slice(frame, 0, 16))));
    }

    @Test
    void encoderCountsItsOwnSequenceNumbersAndComputesCrc() {
        EmbeddedChannel server = channel();
        byte[] a = payload(16, 5);
        byte[] b = payload(4096, 6);
        server.writeOutbound(buf(a), buf(b), TransportError.AUTH_KEY_NOT_FOUND);
        byte[] wire = readOutbound(server);
        assertThat(server.finish()).isFalse();

        assertThat(wire).isEqualTo(concat(full(0, a), full(1, b), full(2, le32(-404))));
        assertThat(feed(channel(), wire)).containsExactly(
                Frame.of(a, false), Frame.of(b, false), Frame.of(le32(-404), false));
    }

    @Test
    void sequenceNumbersAreIndependentPerDirection() {
        EmbeddedChannel server = channel();
        server.writeInbound(buf(concat(full(0, payload(8, 1)), full(1, payload(8, 2)))));
        assertThat(readFrames(server)).hasSize(2);
        server.writeOutbound(buf(payload(8, 3)));
        assertThat(slice(readOutbound(server), 4, 8)).isEqualTo(le32(0));
        assertThat(server.finish()).isFalse();
    }

    @Test
    void rejectsBadCrc() {
        byte[] frame = full(0, payload(32, 7));
        frame[frame.length - 1] ^= 0x01;
        assertRejected(channel(), frame, Reason.BAD_CHECKSUM);
        byte[] corrupted = full(0, payload(32, 7));
        corrupted[10] ^= 0x40;
        assertRejected(channel(), corrupted, Reason.BAD_CHECKSUM);
    }

    @Test
    void rejectsWrongSequenceNumbers() {
        assertRejected(channel(), full(1, payload(8, 1)), Reason.BAD_SEQUENCE_NUMBER);
        EmbeddedChannel replay = channel();
        ByteBuf first = buf(full(0, payload(8, 1)));
        replay.writeInbound(first);
        assertThat(readFrames(replay)).hasSize(1);
        assertRejected(replay, full(0, payload(8, 1)), Reason.BAD_SEQUENCE_NUMBER);
    }

    @Test
    void rejectsBadLengthsBeforeBuffering() {
        assertRejected(channel(), le32(8), Reason.FRAME_TOO_SHORT);
        assertRejected(channel(), le32(0), Reason.FRAME_TOO_SHORT);
        assertRejected(channel(), le32(12), Reason.EMPTY_FRAME);
        assertRejected(channel(), le32(22), Reason.UNALIGNED_LENGTH);
        assertRejected(framing(TransportKind.FULL, new TransportLimits(1024)), le32(1024 + 16), Reason.FRAME_TOO_LARGE);
        assertRejected(channel(), le32(-4), Reason.FRAME_TOO_LARGE);
    }

    @Test
    void acceptsExactlyTheLimit() {
        byte[] payload = payload(1024, 8);
        assertThat(feed(framing(TransportKind.FULL, new TransportLimits(1024)), full(0, payload)))
                .containsExactly(Frame.of(payload, false));
    }

    @Test
    void quickAckCannotBeSent() {
        EmbeddedChannel server = channel();
        ChannelFuture future = server.writeOneOutbound(new QuickAck(0x80000001));
        server.flushOutbound();
        assertThat(future.cause()).isInstanceOf(EncoderException.class)
                .hasRootCauseInstanceOf(UnsupportedOperationException.class);
        assertThat(server.finish()).isFalse();
    }

    private static void assertRejected(EmbeddedChannel channel, byte[] input, Reason reason) {
        ByteBuf in = buf(input);
        assertThatThrownBy(() -> channel.writeInbound(in))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.reason()).isEqualTo(reason));
        assertThat(in.refCnt()).isZero();
        ByteBuf after = buf(full(0, payload(8, 9)));
        assertThat(channel.writeInbound(after)).isFalse();
        assertThat(after.refCnt()).isZero();
        assertThat(channel.finish()).isFalse();
    }
}
