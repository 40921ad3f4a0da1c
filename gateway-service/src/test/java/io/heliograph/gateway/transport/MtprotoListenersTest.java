package io.heliograph.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.gateway.GatewayMeters;
import io.heliograph.gateway.GatewayProperties;
import io.heliograph.mtproto.crypto.RsaKeys;
import io.heliograph.mtproto.session.AuthKeyStore;
import io.heliograph.mtproto.session.MtprotoServerHandler;
import io.heliograph.mtproto.session.RpcException;
import io.heliograph.mtproto.session.SessionRegistry;
import io.heliograph.tl.api.ApiRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The listeners on their own (no services): transport errors, per-address limits, idle timeouts. */
class MtprotoListenersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final GatewayMeters meters = new GatewayMeters(registry);
    private MtprotoListeners listeners;

    private MtprotoListeners start(int perIp, Duration idle) {
        return start(perIp, idle, new GatewayProperties.HandshakeFlood(30, 300));
    }

    private MtprotoListeners start(int perIp, Duration idle, GatewayProperties.HandshakeFlood handshakes) {
        GatewayProperties props = new GatewayProperties("127.0.0.1", 0, -1, Path.of("unused"), idle, Duration.ofMinutes(5),
                perIp, 1000, 1 << 20, Duration.ofSeconds(5), Duration.ofSeconds(5),
                new GatewayProperties.Flood(20, 40, Map.of()), handshakes, Map.of(), List.of());
        MtprotoServerHandler.Context ctx = new MtprotoServerHandler.Context(RsaKeys.generateServerKey(new SecureRandom()),
                AuthKeyStore.inMemory(), new SessionRegistry(Clock.systemUTC(), ApiRegistry.LAYER),
                call -> CompletableFuture.failedFuture(new RpcException(400, "NONE")), Clock.systemUTC(), new SecureRandom());
        listeners = new MtprotoListeners(props, ctx, meters);
        listeners.start();
        return listeners;
    }

    @AfterEach
    void stop() {
        if (listeners != null) {
            listeners.stop();
        }
    }

    /** Abridged: marker, then a 16-byte packet under an auth_key_id no one registered. */
    static byte[] unknownKeyFrame() {
        byte[] frame = new byte[2 + 16];
        frame[0] = (byte) 0xef;
        frame[1] = 4;
        for (int i = 2; i < frame.length; i++) {
            frame[i] = (byte) (i * 7 + 1);
        }
        return frame;
    }

    /** An abridged frame: length 1 (one 4-byte word), then the error code. */
    static int readError(Socket socket) throws Exception {
        InputStream in = socket.getInputStream();
        assertThat(in.read()).isEqualTo(1);
        byte[] reply = in.readNBytes(4);
        assertThat(reply).hasSize(4);
        return ByteBuffer.wrap(reply).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    @Test
    void anUnknownAuthKeyGets404() throws Exception {
        start(10, Duration.ofSeconds(30));
        try (Socket socket = new Socket("127.0.0.1", listeners.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(unknownKeyFrame());
            assertThat(readError(socket)).isEqualTo(-404);
            assertThat(socket.getInputStream().read()).as("closed after the error").isEqualTo(-1);
        }
    }

    @Test
    void connectionsBeyondThePerAddressLimitGet429() throws Exception {
        start(2, Duration.ofSeconds(30));
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                open.add(new Socket("127.0.0.1", listeners.port()));
            }
            for (int i = 0; i < 100 && meters.openConnections() < 2; i++) {
                Thread.sleep(20); // the server side has seen both before the third arrives
            }
            try (Socket third = new Socket("127.0.0.1", listeners.port())) {
                third.setSoTimeout(5000);
                third.getOutputStream().write(unknownKeyFrame());
                assertThat(readError(third)).isEqualTo(-429);
            }
            assertThat(registry.counter("heliograph.gateway.connections.rejected", "reason", "ip_limit").count()).isEqualTo(1);
            // the first two are served as usual
            Socket first = open.get(0);
            first.setSoTimeout(5000);
            first.getOutputStream().write(unknownKeyFrame());
            assertThat(readError(first)).isEqualTo(-404);
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
    }

    @Test
    void anAddressThatStartsTooManyKeyExchangesGets429() throws Exception {
        start(10, Duration.ofSeconds(30), new GatewayProperties.HandshakeFlood(0.01, 2));
        byte[] plain = unknownKeyFrame();
        java.util.Arrays.fill(plain, 2, 10, (byte) 0); // auth_key_id 0: an unencrypted (key exchange) message
        for (int i = 0; i < 3; i++) {
            try (Socket socket = new Socket("127.0.0.1", listeners.port())) {
                socket.setSoTimeout(5000);
                socket.getOutputStream().write(plain);
                // the first two are served (and refused as malformed), the third is over the budget
                assertThat(readError(socket)).isEqualTo(i < 2 ? -404 : -429);
            }
        }
        assertThat(registry.counter("heliograph.gateway.connections.rejected", "reason", "handshake_flood").count()).isEqualTo(1);
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception {
        start(10, Duration.ofMillis(300));
        try (Socket socket = new Socket("127.0.0.1", listeners.port())) {
            socket.setSoTimeout(5000);
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(registry.counter("heliograph.gateway.connections.rejected", "reason", "idle").count()).isEqualTo(1);
    }
}
