package io.heliograph.mtproto.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

/** Client-side framings written from the spec, and channel plumbing shared by the transport tests. */
final class TransportTests {

    static final HexFormat HEX = HexFormat.of();

    private TransportTests() {
    }

    record Frame(String hex, boolean quickAck) {

        static Frame of(byte[] payload, boolean quickAck) {
            return new Frame(HEX.formatHex(payload), quickAck);
        }
    }

    static byte[] payload(int length, int seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static byte[] le32(int value) {
        return bytes(value, value >>> 8, value >>> 16, value >>> 24);
    }

    static int le32(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff) | (bytes[offset + 1] & 0xff) << 8 | (bytes[offset + 2] & 0xff) << 16
                | (bytes[offset + 3] & 0xff) << 24;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }

    /** Length in words, one byte below 127 else 0x7f + 3 bytes LE; quick ACK sets the first byte's MSB. */
    static byte[] abridged(byte[] payload, boolean quickAck) {
        int words = payload.length / 4;
        byte[] header = words < 127
                ? bytes(words | (quickAck ? 0x80 : 0))
                : bytes(quickAck ? 0xff : 0x7f, words, words >>> 8, words >>> 16);
        return concat(header, payload);
    }

    static byte[] intermediate(byte[] payload, boolean quickAck) {
        return concat(le32(payload.length | (quickAck ? 0x80000000 : 0)), payload);
    }

    static byte[] padded(byte[] payload, byte[] padding, boolean quickAck) {
        return concat(le32((payload.length + padding.length) | (quickAck ? 0x80000000 : 0)), payload, padding);
    }

    /** Length (payload + 12), seqno, payload, CRC32 of all of it; all LE. */
    static byte[] full(int seqNo, byte[] payload) {
        byte[] head = concat(le32(payload.length + 12), le32(seqNo), payload);
        return concat(head, le32(crc32(head)));
    }

    static int crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    /** A heap buffer from the default allocator, so that the leak detector tracks it. */
    static ByteBuf buf(byte[] bytes) {
        return ByteBufAllocator.DEFAULT.heapBuffer(bytes.length).writeBytes(bytes);
    }

    static ByteBuf directBuf(byte[] bytes) {
        return ByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
    }

    static byte[] toBytes(ByteBuf buf) {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), bytes);
        return bytes;
    }

    /** Records user events and, in order with them, the class of every inbound message. */
    static final class Recorder extends ChannelInboundHandlerAdapter {

        final List<Object> events = new ArrayList<>();
        final List<Object> timeline = new ArrayList<>();

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            events.add(evt);
            timeline.add(evt);
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            timeline.add(msg.getClass());
            ctx.fireChannelRead(msg);
        }
    }

    static EmbeddedChannel detecting(TransportLimits limits, Recorder recorder) {
        EmbeddedChannel channel = new EmbeddedChannel();
        Transports.configure(channel.pipeline(), limits);
        channel.pipeline().addLast(recorder);
        return channel;
    }

    static EmbeddedChannel detecting() {
        return detecting(TransportLimits.DEFAULT, new Recorder());
    }

    static EmbeddedChannel framing(TransportKind kind, TransportLimits limits) {
        return new EmbeddedChannel(Transports.newDecoder(kind, limits), Transports.newEncoder(kind));
    }

    /** Writes {@code input} cut at {@code cuts}, each piece a fresh buffer, and checks every piece was released. */
    static List<Frame> feed(EmbeddedChannel channel, byte[] input, int... cuts) {
        List<ByteBuf> pieces = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            pieces.add(buf(slice(input, from, cut)));
            from = cut;
        }
        pieces.add(buf(slice(input, from, input.length)));
        List<Frame> frames = new ArrayList<>();
        for (ByteBuf piece : pieces) {
            channel.writeInbound(piece);
            frames.addAll(readFrames(channel));
        }
        assertThat(channel.finish()).isFalse();
        assertThat(pieces).allSatisfy(piece -> assertThat(piece.refCnt()).isZero());
        return frames;
    }

    static List<Frame> readFrames(EmbeddedChannel channel) {
        List<Frame> frames = new ArrayList<>();
        for (Object msg; (msg = channel.readInbound()) != null; ) {
            assertThat(msg).isInstanceOf(InboundFrame.class);
            InboundFrame frame = (InboundFrame) msg;
            try {
                frames.add(Frame.of(toBytes(frame.payload()), frame.quickAckRequested()));
            } finally {
                frame.release();
            }
        }
        return frames;
    }

    static byte[] readOutbound(EmbeddedChannel channel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object msg; (msg = channel.readOutbound()) != null; ) {
            assertThat(msg).isInstanceOf(ByteBuf.class);
            ByteBuf buf = (ByteBuf) msg;
            try {
                out.writeBytes(toBytes(buf));
            } finally {
                assertThat(buf.release()).isTrue();
            }
        }
        return out.toByteArray();
    }
}
