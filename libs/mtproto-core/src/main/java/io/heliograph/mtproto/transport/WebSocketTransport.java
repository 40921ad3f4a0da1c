package io.heliograph.mtproto.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.Objects;

/**
 * MTProto over WebSocket, as web clients use it: binary frames on {@code /apiws} (subprotocol {@code binary}) carry an
 * ordinary byte stream (in practice obfuscated2 with the intermediate or padded tag), so after the WebSocket handshake
 * the same detector and codecs as on TCP take over. Frame boundaries carry no meaning.
 *
 * @see <a href="https://core.telegram.org/mtproto/transports#websocket">WebSocket transport</a>
 */
public final class WebSocketTransport {

    public static final String DEFAULT_PATH = "/apiws";

    private WebSocketTransport() {
    }

    /** Installs HTTP upgrade handling for {@code path}, the frame adapter, then the usual transport pipeline. */
    public static ChannelPipeline configure(ChannelPipeline pipeline, String path, TransportLimits limits) {
        return configure(pipeline, null, path, limits);
    }

    /** As {@link #configure(ChannelPipeline, String, TransportLimits)}, before the handler named {@code before}. */
    public static ChannelPipeline configure(ChannelPipeline pipeline, String before, String path, TransportLimits limits) {
        Objects.requireNonNull(path, "path");
        Transports.add(pipeline, before, "mtproto.http.codec", new HttpServerCodec());
        Transports.add(pipeline, before, "mtproto.http.aggregator", new HttpObjectAggregator(8192));
        Transports.add(pipeline, before, "mtproto.websocket.protocol", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(path)
                .subprotocols("binary")
                .maxFramePayloadLength(limits.maxFrameLength())
                .allowExtensions(false)
                .checkStartsWith(false)
                .build()));
        Transports.add(pipeline, before, TransportPipeline.WEBSOCKET_ADAPTER, FrameAdapter.INSTANCE);
        return Transports.configure(pipeline, before, limits);
    }

    /**
     * Binary frames in, their bytes onwards; bytes out, one binary frame each. Frame boundaries mean nothing to
     * MTProto, so servers and clients (libs/mtproto-client) use it alike.
     */
    @io.netty.channel.ChannelHandler.Sharable
    public static final class FrameAdapter extends ChannelDuplexHandler {

        public static final FrameAdapter INSTANCE = new FrameAdapter();

        private FrameAdapter() {
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof BinaryWebSocketFrame frame) {
                ctx.fireChannelRead(frame.content());
            } else {
                ctx.fireChannelRead(msg);
            }
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof ByteBuf buf) {
                ctx.write(new BinaryWebSocketFrame(buf), promise);
            } else {
                ctx.write(msg, promise);
            }
        }
    }
}
