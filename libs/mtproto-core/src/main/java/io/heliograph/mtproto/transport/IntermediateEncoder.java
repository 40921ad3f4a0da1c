package io.heliograph.mtproto.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler.Sharable;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Server-to-client intermediate framing: a 4-byte little-endian length, then the payload. A {@link QuickAck} goes out
 * as its 4-byte little-endian token with no length, which reads as a length of at least {@code 0x80000000}.
 *
 * <p>The padded variant appends 0..15 random bytes counted in the length, and sends a quick ACK as a framed 8..16
 * byte packet: {@code 0xffffffff}, the little-endian token, then 0..8 random bytes.
 *
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports#intermediate">Intermediate</a>
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports#padded-intermediate">Padded intermediate</a>
 */
@Sharable
public final class IntermediateEncoder extends FrameEncoder {

    public static final IntermediateEncoder PLAIN = new IntermediateEncoder(false);
    public static final IntermediateEncoder PADDED = new IntermediateEncoder(true);

    static final int MAX_PADDING = 15;
    static final int MAX_QUICK_ACK_PADDING = 8;

    private final boolean padded;

    private IntermediateEncoder(boolean padded) {
        this.padded = padded;
    }

    public boolean padded() {
        return padded;
    }

    @Override
    ByteBuf encodePayload(ByteBufAllocator alloc, ByteBuf payload) {
        int length = payload.readableBytes();
        requirePayload(length, !padded, Integer.MAX_VALUE - MAX_PADDING);
        int padding = padded ? ThreadLocalRandom.current().nextInt(MAX_PADDING + 1) : 0;
        ByteBuf header = alloc.buffer(4).writeIntLE(length + padding);
        return assemble(alloc, header, payload, padding == 0 ? null : randomBytes(alloc, padding));
    }

    @Override
    ByteBuf encodeQuickAck(ByteBufAllocator alloc, int token) {
        if (!padded) {
            return alloc.buffer(4).writeIntLE(token);
        }
        int padding = ThreadLocalRandom.current().nextInt(MAX_QUICK_ACK_PADDING + 1);
        ByteBuf frame = alloc.buffer(12 + padding).writeIntLE(8 + padding).writeIntLE(-1).writeIntLE(token);
        return writeRandom(frame, padding);
    }

    private static ByteBuf randomBytes(ByteBufAllocator alloc, int count) {
        return writeRandom(alloc.buffer(count), count);
    }

    private static ByteBuf writeRandom(ByteBuf buf, int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        return buf.writeBytes(bytes);
    }
}
