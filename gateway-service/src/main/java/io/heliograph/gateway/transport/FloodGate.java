package io.heliograph.gateway.transport;

import io.heliograph.gateway.GatewayMeters;
import io.heliograph.mtproto.transport.InboundFrame;
import io.heliograph.mtproto.transport.TransportError;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Answers the first frame of a connection {@link ConnectionGuard} marked as beyond a limit with transport error -429
 * (in the client's own framing, now that the transport is known) and closes it.
 *
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports#transport-errors">Transport errors</a>
 */
final class FloodGate extends ChannelInboundHandlerAdapter {

    private final GatewayMeters meters;
    private boolean closing;

    FloodGate(GatewayMeters meters) {
        this.meters = meters;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        String reason = ctx.channel().attr(ConnectionGuard.REJECTED).get();
        if (closing) {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        if (reason != null && msg instanceof InboundFrame frame) {
            frame.release();
            closing = true;
            meters.rejected(reason);
            ctx.channel().config().setAutoRead(false);
            ctx.writeAndFlush(new TransportError(-429)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (reason == null) {
            ctx.pipeline().remove(this);
        }
        ctx.fireChannelRead(msg);
    }
}
