package io.heliograph.gateway.transport;

import io.heliograph.gateway.GatewayProperties;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

/**
 * The device-facing TCP listener of this DC (every MTProto transport on one port). Until the MTProto core lands
 * (issue #3/#4) it knows no auth keys, so it answers any input with the transport error -404 and closes, exactly as a
 * server that does not know the client's key does.
 *
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports#transport-errors">Transport errors</a>
 */
public final class MtprotoTcpListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MtprotoTcpListener.class);
    private static final byte[] ERROR_404 = {(byte) 0x6c, (byte) 0xfe, (byte) 0xff, (byte) 0xff};

    private final GatewayProperties properties;
    private volatile DisposableServer server;

    public MtprotoTcpListener(GatewayProperties properties) {
        this.properties = properties;
    }

    @Override
    public void start() {
        server = TcpServer.create()
                .host(properties.tcpHost())
                .port(properties.tcpPort())
                .handle((in, out) -> in.receive().take(1)
                        .flatMap(first -> out.sendObject(Mono.just(Unpooled.wrappedBuffer(ERROR_404))).then())
                        .then())
                .bindNow(Duration.ofSeconds(10));
        log.info("MTProto TCP listener on {}:{}", properties.tcpHost(), server.port());
    }

    @Override
    public void stop() {
        DisposableServer s = server;
        if (s != null) {
            s.disposeNow(Duration.ofSeconds(5));
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** The bound port (differs from the configured one when that was 0). */
    public int port() {
        DisposableServer s = server;
        if (s == null) {
            throw new IllegalStateException("listener not started");
        }
        return s.port();
    }
}
