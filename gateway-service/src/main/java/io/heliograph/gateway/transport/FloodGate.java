package io.heliograph.gateway.transport;

import io.heliograph.gateway.GatewayMeters;
import io.heliograph.mtproto.transport.InboundFrame;
import io.heliograph.mtproto.transport.TransportError;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Answers with transport error -429 (in the client's own framing, now that the transport is known) and closes: the
 * first frame of a connection {@link ConnectionGuard} marked as beyond a limit, and a key-exchange message from an
 * address that sent more of them than its budget allows.
 *
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports#transport-errors">Transport errors</a>
 */
final class FloodGate extends ChannelInboundHandlerAdapter {

    private final GatewayMeters meters;
    private final ConnectionGuard guard;
    private boolean closing;

    FloodGate(GatewayMeters meters, ConnectionGuard guard) {
        this.meters = meters;
        this.guard = guard;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof InboundFrame frame) {
            String reason = ctx.channel().attr(ConnectionGuard.REJECTED).get();
            if (reason == null && unencrypted(frame)
                    && !guard.limits().handshakeAllowed(guard.address(), System.nanoTime())) {
                reason = "handshake_flood";
            }
            if (reason != null) {
                frame.release();
                closing = true;
                meters.rejected(reason);
                ctx.channel().config().setAutoRead(false);
                ctx.writeAndFlush(new TransportError(-429)).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** A key-exchange message: auth_key_id 0. */
    private static boolean unencrypted(InboundFrame frame) {
        var p = frame.payload();
        return p.readableBytes() >= 8 && p.getLongLE(p.readerIndex()) == 0;
    }
}
