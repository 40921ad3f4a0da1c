package io.heliograph.mtproto.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Frames the three outbound message types. Small payloads are copied behind their header, larger ones are added to a
 * composite buffer without copying. A payload the transport cannot carry fails the write with an
 * {@link io.netty.handler.codec.EncoderException}.
 */
abstract class FrameEncoder extends MessageToMessageEncoder<Object> {

    static final int COPY_THRESHOLD = 1024;

    FrameEncoder() {
        super(Object.class);
    }

    @Override
    public final boolean acceptOutboundMessage(Object msg) {
        return msg instanceof ByteBuf || msg instanceof QuickAck || msg instanceof TransportError;
    }

    @Override
    protected final void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) {
        if (msg instanceof ByteBuf payload) {
            out.add(encodePayload(ctx.alloc(), payload));
        } else if (msg instanceof QuickAck ack) {
            out.add(encodeQuickAck(ctx.alloc(), ack.token()));
        } else {
            ByteBuf payload = ctx.alloc().buffer(4).writeIntLE(((TransportError) msg).code());
            try {
                out.add(encodePayload(ctx.alloc(), payload));
            } finally {
                payload.release();
            }
        }
    }

    /** Frames {@code payload} without releasing it; retains it if the result shares its memory. */
    abstract ByteBuf encodePayload(ByteBufAllocator alloc, ByteBuf payload);

    abstract ByteBuf encodeQuickAck(ByteBufAllocator alloc, int token);

    static void requirePayload(int length, boolean aligned, long maxLength) {
        if (length == 0) {
            throw new IllegalArgumentException("empty payload");
        }
        if (aligned && (length & 3) != 0) {
            throw new IllegalArgumentException("payload length is not a multiple of 4: " + length);
        }
        if (length > maxLength) {
            throw new IllegalArgumentException("payload too large for the transport: " + length);
        }
    }

    /** Takes ownership of {@code header} and {@code trailer} (which may be null), not of {@code payload}. */
    static ByteBuf assemble(ByteBufAllocator alloc, ByteBuf header, ByteBuf payload, ByteBuf trailer) {
        int length = payload.readableBytes();
        if (length <= COPY_THRESHOLD) {
            int trailerLength = trailer == null ? 0 : trailer.readableBytes();
            ByteBuf frame = alloc.buffer(header.readableBytes() + length + trailerLength);
            frame.writeBytes(header).writeBytes(payload, payload.readerIndex(), length);
            header.release();
            if (trailer != null) {
                frame.writeBytes(trailer);
                trailer.release();
            }
            return frame;
        }
        CompositeByteBuf frame = alloc.compositeBuffer(3);
        frame.addComponent(true, header);
        frame.addComponent(true, payload.retainedSlice());
        if (trailer != null) {
            frame.addComponent(true, trailer);
        }
        return frame;
    }
}
