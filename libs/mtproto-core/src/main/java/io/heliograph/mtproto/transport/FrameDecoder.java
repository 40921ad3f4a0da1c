package io.heliograph.mtproto.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * What every framing decoder shares: after the first bad frame it raises one {@link TransportException} and then
 * discards all further input, so nothing after a framing error is ever taken for a message.
 */
abstract class FrameDecoder extends ByteToMessageDecoder {

    private boolean discarding;

    @Override
    protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (discarding) {
            in.skipBytes(in.readableBytes());
            return;
        }
        decodeFrame(ctx, in, out);
    }

    /** Decodes as many frames as {@code in} holds; a state machine that returns when it needs more bytes. */
    protected abstract void decodeFrame(ChannelHandlerContext ctx, ByteBuf in, List<Object> out);

    /** Switches to discarding and returns the exception to throw. */
    protected final TransportException fail(ByteBuf in, TransportException.Reason reason, String message) {
        discarding = true;
        in.skipBytes(in.readableBytes());
        return new TransportException(reason, message);
    }
}
