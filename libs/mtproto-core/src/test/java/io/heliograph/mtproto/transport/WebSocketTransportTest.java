package io.heliograph.mtproto.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket client (the JDK's) speaks obfuscated intermediate over binary frames on /apiws, split across frames at
 * arbitrary points, and the server sees the same MTProto frames as on TCP and answers through the same codecs.
 */
class WebSocketTransportTest {

    @Test
    void obfuscatedIntermediateOverBinaryFramesRoundTrips() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        CompletableFuture<byte[]> received = new CompletableFuture<>();
        try {
            Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            WebSocketTransport.configure(ch.pipeline(), WebSocketTransport.DEFAULT_PATH, TransportLimits.DEFAULT);
                            ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                    InboundFrame frame = (InboundFrame) msg;
                                    byte[] payload = new byte[frame.payload().readableBytes()];
                                    frame.payload().readBytes(payload);
                                    frame.release();
                                    received.complete(payload);
                                    byte[] reply = payload.clone();
                                    reply[0] ^= (byte) 0xff;
                                    ctx.writeAndFlush(Unpooled.wrappedBuffer(reply));
                                }
                            });
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();

            ObfuscatedClient client = new ObfuscatedClient(0xeeeeeeee, 2, new Random(7));
            byte[] payload = new byte[40];
            new Random(8).nextBytes(payload);
            byte[] wire = client.wire(TransportTests.concat(TransportTests.le32(payload.length), payload));

            ByteArrayOutputStream fromServer = new ByteArrayOutputStream();
            CompletableFuture<Void> gotReply = new CompletableFuture<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .subprotocols("binary")
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/apiws"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                            byte[] b = new byte[data.remaining()];
                            data.get(b);
                            fromServer.writeBytes(b);
                            if (fromServer.size() >= 4 + payload.length) {
                                gotReply.complete(null);
                            }
                            webSocket.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            assertThat(ws.getSubprotocol()).isEqualTo("binary");
            // split the stream across frames at arbitrary points: frame boundaries carry no meaning
            int[] cuts = {0, 3, 64, 70, wire.length};
            for (int i = 0; i + 1 < cuts.length; i++) {
                ws.sendBinary(ByteBuffer.wrap(Arrays.copyOfRange(wire, cuts[i], cuts[i + 1])), true).get(5, TimeUnit.SECONDS);
            }
            assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo(payload);
            gotReply.get(10, TimeUnit.SECONDS);
            byte[] plain = client.decrypt(fromServer.toByteArray());
            assertThat(TransportTests.le32(plain, 0)).isEqualTo(payload.length);
            byte[] expected = payload.clone();
            expected[0] ^= (byte) 0xff;
            assertThat(Arrays.copyOfRange(plain, 4, 4 + payload.length)).isEqualTo(expected);
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
