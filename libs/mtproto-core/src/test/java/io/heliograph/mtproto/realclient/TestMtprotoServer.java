package io.heliograph.mtproto.realclient;

import io.heliograph.mtproto.session.AuthKeyStore;
import io.heliograph.mtproto.session.MtprotoServerHandler;
import io.heliograph.mtproto.session.RpcHandler;
import io.heliograph.mtproto.session.SessionRegistry;
import io.heliograph.mtproto.transport.TransportLimits;
import io.heliograph.mtproto.transport.Transports;
import io.heliograph.tl.api.ApiRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;

/** A minimal MTProto server on the core library alone (transports, handshake, session), for real-client tests. */
public final class TestMtprotoServer implements AutoCloseable {

    public final AuthKeyStore keys = AuthKeyStore.inMemory();
    public final SessionRegistry sessions = new SessionRegistry(Clock.systemUTC(), ApiRegistry.LAYER);
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    public TestMtprotoServer(KeyPair rsa, RpcHandler rpc) throws InterruptedException {
        MtprotoServerHandler.Context ctx = new MtprotoServerHandler.Context(rsa, keys, sessions, rpc, Clock.systemUTC(),
                new SecureRandom());
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Transports.configure(ch.pipeline(), TransportLimits.DEFAULT);
                        ch.pipeline().addLast(new MtprotoServerHandler(ctx));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
