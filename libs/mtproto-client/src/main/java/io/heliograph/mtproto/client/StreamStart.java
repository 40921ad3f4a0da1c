package io.heliograph.mtproto.client;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;

/**
 * Writes what a stream starts with once the connection is usable (on TCP when it becomes active, on WebSocket when the
 * upgrade completed), then fires {@link TransportReady}.
 */
abstract class StreamStart extends ChannelDuplexHandler {

    private final boolean afterWebSocketUpgrade;
    private boolean started;

    StreamStart(boolean afterWebSocketUpgrade) {
        this.afterWebSocketUpgrade = afterWebSocketUpgrade;
    }

    /** Writes the init bytes through {@code ctx} (below this handler). */
    abstract void writeInit(ChannelHandlerContext ctx);

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.fireChannelActive();
        if (!afterWebSocketUpgrade) {
            start(ctx);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        ctx.fireUserEventTriggered(evt);
        if (afterWebSocketUpgrade && evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            start(ctx);
        }
    }

    private void start(ChannelHandlerContext ctx) {
        if (started) {
            return;
        }
        started = true;
        writeInit(ctx);
        ctx.fireUserEventTriggered(TransportReady.INSTANCE);
    }

    /** The init marker of a plain framing (nothing for full); removes itself once written. */
    static final class Marker extends StreamStart {

        private final byte[] marker;

        Marker(byte[] marker) {
            super(false);
            this.marker = marker;
        }

        @Override
        void writeInit(ChannelHandlerContext ctx) {
            if (marker.length > 0) {
                ctx.writeAndFlush(ctx.alloc().buffer(marker.length).writeBytes(marker));
            }
            ctx.pipeline().remove(this);
        }
    }
}
