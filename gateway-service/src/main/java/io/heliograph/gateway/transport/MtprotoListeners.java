package io.heliograph.gateway.transport;

import io.heliograph.gateway.GatewayMeters;
import io.heliograph.gateway.GatewayProperties;
import io.heliograph.mtproto.session.MtprotoServerHandler;
import io.heliograph.mtproto.transport.TransportLimits;
import io.heliograph.mtproto.transport.Transports;
import io.heliograph.mtproto.transport.WebSocketTransport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.netty.DisposableServer;
import reactor.netty.NettyPipeline;
import reactor.netty.tcp.TcpServer;

/**
 * The device-facing listeners of this DC on Reactor Netty: TCP (abridged, intermediate, padded intermediate, full,
 * obfuscated and HTTP {@code POST /api}, detected on one port) and WebSocket ({@code /apiws}). Each connection gets
 * the {@link ConnectionGuard}, the MTProto transports and the session layer of the core library.
 *
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports">MTProto transports</a>
 */
public final class MtprotoListeners implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MtprotoListeners.class);
    /** Writes pause reading past the high mark (see ConnectionGuard) and resume below the low one. */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 << 10, 1 << 20);

    private final GatewayProperties properties;
    private final MtprotoServerHandler.Context session;
    private final ConnectionGuard.Limits limits;
    private final GatewayMeters meters;
    private volatile DisposableServer tcp;
    private volatile DisposableServer ws;

    public MtprotoListeners(GatewayProperties properties, MtprotoServerHandler.Context session, GatewayMeters meters) {
        this.properties = properties;
        this.session = session;
        this.meters = meters;
        this.limits = new ConnectionGuard.Limits(properties.maxConnectionsPerIp(), properties.maxConnections(),
                properties.maxPendingWrite(), properties.slowReaderTimeout(), meters,
                properties.handshakeFlood().perSecond(), properties.handshakeFlood().burst());
    }

    @Override
    public void start() {
        tcp = server(properties.tcpPort(), "tcp");
        log.info("MTProto TCP listener on {}:{}", properties.tcpHost(), tcp.port());
        if (properties.wsPort() >= 0) {
            ws = server(properties.wsPort(), "websocket");
            log.info("MTProto WebSocket listener on ws://{}:{}{}", properties.tcpHost(), ws.port(), WebSocketTransport.DEFAULT_PATH);
        }
    }

    private DisposableServer server(int port, String kind) {
        return TcpServer.create()
                .host(properties.tcpHost())
                .port(port)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .doOnChannelInit((observer, channel, remote) -> install(channel, kind))
                // the session layer consumes every frame; this only keeps the connection open until it closes
                .handle((in, out) -> in.receive().then())
                .bindNow(Duration.ofSeconds(10));
    }

    /**
     * Installs a device connection's handlers ({@code kind}: {@code tcp} or {@code websocket}); our handlers go before
     * Reactor Netty's bridge, which stays last. Public so that in-VM channels can carry the very same pipeline (the
     * channel fan-out benchmark, whose 100,000 connections could not be sockets).
     */
    public void install(Channel channel, String kind) {
        ChannelPipeline p = channel.pipeline();
        String before = p.get(NettyPipeline.ReactiveBridge) != null ? NettyPipeline.ReactiveBridge : null;
        add(p, before, "heliograph.idle", new IdleStateHandler(properties.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        ConnectionGuard guard = new ConnectionGuard(limits, kind);
        add(p, before, "heliograph.guard", guard);
        if (kind.equals("websocket")) {
            WebSocketTransport.configure(p, before, WebSocketTransport.DEFAULT_PATH, TransportLimits.DEFAULT);
        } else {
            Transports.configure(p, before, TransportLimits.DEFAULT);
        }
        add(p, before, "heliograph.flood-gate", new FloodGate(meters, guard));
        add(p, before, "heliograph.session", new MtprotoServerHandler(session));
    }

    private static void add(ChannelPipeline p, String before, String name, ChannelHandler handler) {
        if (before == null) {
            p.addLast(name, handler);
        } else {
            p.addBefore(before, name, handler);
        }
    }

    @Override
    public void stop() {
        for (DisposableServer s : new DisposableServer[] {tcp, ws}) {
            if (s != null) {
                s.disposeNow(Duration.ofSeconds(5));
            }
        }
        tcp = null;
        ws = null;
    }

    @Override
    public boolean isRunning() {
        return tcp != null;
    }

    /** The bound TCP port (differs from the configured one when that was 0). */
    public int port() {
        DisposableServer s = tcp;
        if (s == null) {
            throw new IllegalStateException("listener not started");
        }
        return s.port();
    }

    /** The bound WebSocket port, or -1 when disabled. */
    public int wsPort() {
        DisposableServer s = ws;
        return s == null ? -1 : s.port();
    }
}
