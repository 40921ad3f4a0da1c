package io.heliograph.mtproto.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Server-to-client full framing: little-endian total length (payload + 12), sequence number counting this
 * connection's outbound packets from 0, payload, and a CRC32 of everything before it. Holds the sequence number, so
 * one instance per channel. The full transport has no quick ACK: writing a {@link QuickAck} fails.
 *
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports#full">Full</a>
 */
public final class FullEncoder extends FrameEncoder {

    static final int ENVELOPE_LENGTH = 12;

    private int seqNo;

    @Override
    ByteBuf encodePayload(ByteBufAllocator alloc, ByteBuf payload) {
        int length = payload.readableBytes();
        requirePayload(length, true, Integer.MAX_VALUE - ENVELOPE_LENGTH);
        ByteBuf header = alloc.buffer(8).writeIntLE(length + ENVELOPE_LENGTH).writeIntLE(seqNo++);
        CRC32 crc = new CRC32();
        update(crc, header, header.readerIndex(), header.readableBytes());
        update(crc, payload, payload.readerIndex(), length);
        ByteBuf trailer = alloc.buffer(4).writeIntLE((int) crc.getValue());
        return assemble(alloc, header, payload, trailer);
    }

    @Override
    ByteBuf encodeQuickAck(ByteBufAllocator alloc, int token) {
        throw new UnsupportedOperationException("the full transport has no quick ACK");
    }

    static void update(CRC32 crc, ByteBuf buf, int index, int length) {
        if (buf.hasArray()) {
            crc.update(buf.array(), buf.arrayOffset() + index, length);
            return;
        }
        for (ByteBuffer nio : buf.nioBuffers(index, length)) {
            crc.update(nio);
        }
    }
}
