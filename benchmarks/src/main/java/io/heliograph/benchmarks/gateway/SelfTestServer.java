package io.heliograph.benchmarks.gateway;

import io.heliograph.mtproto.crypto.RsaKeys;
import io.heliograph.mtproto.session.AuthKeyStore;
import io.heliograph.mtproto.session.MtprotoServerHandler;
import io.heliograph.mtproto.session.RpcException;
import io.heliograph.mtproto.session.RpcHandler;
import io.heliograph.mtproto.session.SessionRegistry;
import io.heliograph.mtproto.transport.TransportLimits;
import io.heliograph.mtproto.transport.Transports;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.api.ApiRegistry;
import io.heliograph.tl.api.Config;
import io.heliograph.tl.api.DcOption;
import io.heliograph.tl.api.HelpGetConfig;
import io.heliograph.tl.api.HelpGetNearestDc;
import io.heliograph.tl.api.NearestDc;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * mtproto-core's transports, key exchange and session layer on a loopback port, answering help.getConfig and
 * help.getNearestDc: the target of {@code GatewayLoad --self-test}, which checks the load generator, not a gateway.
 * Its {@link #main} serves in a process of its own, to try the load generator across processes.
 */
public final class SelfTestServer implements AutoCloseable {

    private final KeyPair rsa = RsaKeys.generateServerKey(new SecureRandom());
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    SelfTestServer() throws InterruptedException {
        RpcHandler rpc = call -> {
            if (call.function() instanceof HelpGetConfig) {
                return CompletableFuture.completedFuture(config());
            }
            if (call.function() instanceof HelpGetNearestDc) {
                return CompletableFuture.completedFuture(new NearestDc("XX", 2, 2));
            }
            return CompletableFuture.failedFuture(new RpcException(400, "METHOD_NOT_IN_SELF_TEST"));
        };
        MtprotoServerHandler.Context ctx = new MtprotoServerHandler.Context(rsa, AuthKeyStore.inMemory(),
                new SessionRegistry(Clock.systemUTC(), ApiRegistry.LAYER), rpc, Clock.systemUTC(), new SecureRandom());
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Transports.configure(ch.pipeline(), TransportLimits.DEFAULT);
                        ch.pipeline().addLast(new MtprotoServerHandler(ctx));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    /** Serves until killed; writes the public key to {@code args[0]} and prints the port and pid. */
    public static void main(String[] args) throws Exception {
        SelfTestServer server = new SelfTestServer();
        java.nio.file.Files.writeString(java.nio.file.Path.of(args.length > 0 ? args[0] : "self-test-rsa.pem"),
                RsaKeys.toPkcs1Pem(server.publicKey()));
        System.out.printf("--port=%d --gateway-pid=%d%n", server.port(), ProcessHandle.current().pid());
        server.server.closeFuture().sync();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    RSAPublicKey publicKey() {
        return (RSAPublicKey) rsa.getPublic();
    }

    private TlObject config() {
        int now = (int) (System.currentTimeMillis() / 1000);
        DcOption dc = new DcOption(false, false, false, false, false, false, 2, "127.0.0.1", port(), null);
        return new Config(false, false, false, false, false, now, now + 3600, false, 2, List.of(dc), "", 200, 200_000,
                100, 120_000, 5_000, 30_000, 300_000, 30_000, 1_500, 60_000, 2, 172_800, 172_800, 172_800, 2_419_200,
                30, 86_400, null, 20_000, 90_000, 30_000, 10_000, "https://t.me/", null, null, null, null, null, 1_024,
                4_096, 4, "en", 1, 1, null, null);
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
