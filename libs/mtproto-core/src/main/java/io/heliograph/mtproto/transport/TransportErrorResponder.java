package io.heliograph.mtproto.transport;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Ends a connection on a {@link TransportException}: if a framing is installed it sends
 * {@link TransportError#AUTH_KEY_NOT_FOUND} (-404, the code for malformed transport input) and closes after the
 * flush, otherwise it just closes. The exception is consumed; any other exception passes on.
 *
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports#transport-errors">Transport errors</a>
 */
@Sharable
public final class TransportErrorResponder extends ChannelInboundHandlerAdapter {

    public static final TransportErrorResponder INSTANCE = new TransportErrorResponder();

    private TransportErrorResponder() {
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof TransportException)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        if (ctx.channel().isActive() && ctx.pipeline().get(TransportPipeline.FRAME_ENCODER) != null) {
            ctx.writeAndFlush(TransportError.AUTH_KEY_NOT_FOUND).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }
}
