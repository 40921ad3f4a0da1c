package io.heliograph.mtproto.client;

import io.heliograph.mtproto.transport.TransportLimits;
import io.heliograph.mtproto.transport.Transports;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;

/**
 * The client's pipeline, bottom to top: for WebSocket the HTTP codec, the upgrade and the core's
 * {@link io.heliograph.mtproto.transport.WebSocketTransport.FrameAdapter}; then the
 * stream start (init marker, or {@link ObfuscationHandler}); then mtproto-core's framing decoder and encoder, which
 * frame both directions alike; then the connection's own handler, which reads
 * {@link io.heliograph.mtproto.transport.InboundFrame}s and writes payload {@link ByteBuf}s.
 *
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports">MTProto transports</a>
 */
final class ClientPipeline {

    static final String MTPROTO = "mtproto.client";

    private ClientPipeline() {
    }

    static Bootstrap bootstrap(ClientOptions options, EventLoopGroup group, SecureRandom random, ChannelHandler handler) {
        return new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        configure(ch.pipeline(), options, random, handler);
                    }
                });
    }

    static void configure(ChannelPipeline p, ClientOptions options, SecureRandom random, ChannelHandler handler) {
        ClientTransport transport = options.transport();
        if (transport.webSocket()) {
            InetSocketAddress a = options.address();
            URI uri = URI.create("ws://" + a.getHostString() + ":" + a.getPort() + options.webSocketPath());
            p.addLast("ws.http", new HttpClientCodec());
            p.addLast("ws.aggregator", new HttpObjectAggregator(8192));
            p.addLast("ws.protocol", new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                    .webSocketUri(uri)
                    .version(WebSocketVersion.V13)
                    .subprotocol("binary")
                    .maxFramePayloadLength(TransportLimits.DEFAULT.maxFrameLength())
                    .handshakeTimeoutMillis(options.handshakeTimeout().toMillis())
                    .build()));
            p.addLast("ws.frames", io.heliograph.mtproto.transport.WebSocketTransport.FrameAdapter.INSTANCE);
        }
        p.addLast("mtproto.start", transport.obfuscated()
                ? new ObfuscationHandler(transport.framing(), options.dcId(), transport.webSocket(), random)
                : new StreamStart.Marker(transport.initMarker()));
        p.addLast("mtproto.frame.decoder", Transports.newDecoder(transport.framing(), TransportLimits.DEFAULT));
        p.addLast("mtproto.frame.encoder", Transports.newEncoder(transport.framing()));
        p.addLast(MTPROTO, handler);
    }
}
