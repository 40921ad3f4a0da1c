package io.heliograph.mtproto.client;

import io.heliograph.mtproto.crypto.AuthKey;
import io.heliograph.mtproto.crypto.RsaKeys;
import io.heliograph.mtproto.session.AuthKeyStore;
import io.heliograph.mtproto.session.MtprotoServerHandler;
import io.heliograph.mtproto.session.RpcException;
import io.heliograph.mtproto.session.RpcHandler;
import io.heliograph.mtproto.session.SessionRegistry;
import io.heliograph.mtproto.transport.TransportLimits;
import io.heliograph.mtproto.transport.Transports;
import io.heliograph.mtproto.transport.WebSocketTransport;
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
import java.lang.reflect.RecordComponent;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * mtproto-core's server stack on two ports (TCP with transport detection, WebSocket on /apiws) with an RPC handler that
 * answers help.getConfig and help.getNearestDc and refuses everything else with 400 METHOD_NOT_IN_TEST.
 */
final class TestServer implements AutoCloseable {

    static final KeyPair RSA = RsaKeys.generateServerKey(new SecureRandom());

    final AuthKeyStore keys = AuthKeyStore.inMemory();
    final SessionRegistry sessions = new SessionRegistry(Clock.systemUTC(), ApiRegistry.LAYER);
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final MtprotoServerHandler.Context ctx;
    private final Channel tcp;
    private final Channel webSocket;

    TestServer() throws InterruptedException {
        RpcHandler rpc = call -> {
            if (call.function() instanceof HelpGetConfig) {
                return CompletableFuture.completedFuture(config(port()));
            }
            if (call.function() instanceof HelpGetNearestDc) {
                return CompletableFuture.completedFuture(new NearestDc("XX", 2, 2));
            }
            return CompletableFuture.failedFuture(new RpcException(400, "METHOD_NOT_IN_TEST"));
        };
        ctx = new MtprotoServerHandler.Context(RSA, keys, sessions, rpc, Clock.systemUTC(), new SecureRandom());
        tcp = bind(ch -> Transports.configure(ch.pipeline(), TransportLimits.DEFAULT), ctx);
        webSocket = bind(ch -> WebSocketTransport.configure(ch.pipeline(), WebSocketTransport.DEFAULT_PATH,
                TransportLimits.DEFAULT), ctx);
    }

    private Channel bind(java.util.function.Consumer<SocketChannel> transport, MtprotoServerHandler.Context ctx)
            throws InterruptedException {
        return new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 2048)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        transport.accept(ch);
                        ch.pipeline().addLast(new MtprotoServerHandler(ctx));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    static RSAPublicKey publicKey() {
        return (RSAPublicKey) RSA.getPublic();
    }

    int port() {
        return ((InetSocketAddress) tcp.localAddress()).getPort();
    }

    InetSocketAddress address(ClientTransport transport) {
        return (InetSocketAddress) (transport.webSocket() ? webSocket : tcp).localAddress();
    }

    /** Pushes an object to a session through the session layer, as the gateway does. */
    void push(AuthKey key, long sessionId, TlObject object) {
        MtprotoServerHandler.push(ctx, sessions.find(key.id(), sessionId), object);
    }

    /** A config naming this server as DC 2; every other field at its zero value. */
    static Config config(int port) {
        int now = (int) (System.currentTimeMillis() / 1000);
        DcOption dc = new DcOption(false, false, false, false, false, false, 2, "127.0.0.1", port, null);
        Map<String, Object> fields = new HashMap<>(Map.of("date", now, "expires", now + 3600, "thisDc", 2,
                "dcOptions", List.of(dc), "dcTxtDomainName", "", "meUrlPrefix", "https://t.me/", "chatSizeMax", 200, "messageLengthMax", 4096));
        fields.putAll(Map.of("suggestedLangCode", "en", "langPackVersion", 1, "baseLangPackVersion", 1));
        try {
            RecordComponent[] comps = Config.class.getRecordComponents();
            Class<?>[] types = new Class<?>[comps.length];
            Object[] args = new Object[comps.length];
            for (int i = 0; i < comps.length; i++) {
                types[i] = comps[i].getType();
                Object v = fields.get(comps[i].getName());
                if (v == null) {
                    v = types[i] == int.class ? (Object) 0 : types[i] == boolean.class ? (Object) false
                            : types[i] == List.class ? List.of() : null;
                }
                args[i] = v;
            }
            return Config.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        tcp.close().syncUninterruptibly();
        webSocket.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
