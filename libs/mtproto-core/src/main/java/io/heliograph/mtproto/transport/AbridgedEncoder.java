package io.heliograph.mtproto.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler.Sharable;

/**
 * Server-to-client abridged framing: the payload length in 32-bit words as one byte below 127, otherwise {@code 0x7f}
 * and three little-endian bytes. A {@link QuickAck} goes out as its token byte-swapped (big-endian) with no header, so
 * its first byte has the most significant bit set and cannot be mistaken for a length.
 *
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports#abridged">Abridged</a>
 */
@Sharable
public final class AbridgedEncoder extends FrameEncoder {

    public static final AbridgedEncoder INSTANCE = new AbridgedEncoder();

    static final int MAX_PAYLOAD_LENGTH = 0xffffff * 4;

    private AbridgedEncoder() {
    }

    @Override
    ByteBuf encodePayload(ByteBufAllocator alloc, ByteBuf payload) {
        int length = payload.readableBytes();
        requirePayload(length, true, MAX_PAYLOAD_LENGTH);
        int words = length >>> 2;
        ByteBuf header = words < 0x7f
                ? alloc.buffer(1).writeByte(words)
                : alloc.buffer(4).writeByte(0x7f).writeMediumLE(words);
        return assemble(alloc, header, payload, null);
    }

    @Override
    ByteBuf encodeQuickAck(ByteBufAllocator alloc, int token) {
        return alloc.buffer(4).writeInt(token);
    }
}
