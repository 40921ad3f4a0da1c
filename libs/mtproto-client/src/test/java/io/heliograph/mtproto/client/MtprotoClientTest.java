package io.heliograph.mtproto.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heliograph.mtproto.session.AuthKeyStore;
import io.heliograph.mtproto.session.RpcException;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.api.Config;
import io.heliograph.tl.api.HelpGetConfig;
import io.heliograph.tl.api.HelpGetNearestDc;
import io.heliograph.tl.api.NearestDc;
import io.heliograph.tl.api.TConfig;
import io.heliograph.tl.api.UpdateConfig;
import io.heliograph.tl.api.UpdateShort;
import io.heliograph.tl.api.UpdatesGetState;
import io.heliograph.tl.mtproto.NewSessionCreated;
import io.heliograph.tl.mtproto.Pong;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client against mtproto-core's server stack in the same JVM, over loopback. */
class MtprotoClientTest {

    private static TestServer server;
    private static EventLoopGroup group;

    @BeforeAll
    static void start() throws InterruptedException {
        server = new TestServer();
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stop() {
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static ClientOptions.Builder options(ClientTransport transport) {
        return ClientOptions.builder(server.address(transport))
                .transport(transport)
                .rsaKey(TestServer.publicKey())
                .eventLoopGroup(group);
    }

    private static <T> T await(CompletableFuture<T> f) {
        return f.orTimeout(30, TimeUnit.SECONDS).join();
    }

    @ParameterizedTest
    @EnumSource(ClientTransport.class)
    void createsAKeyAndCallsHelpGetConfigOverEveryTransport(ClientTransport transport) {
        MtprotoClient client = await(MtprotoClient.connect(options(transport).build()));
        try {
            TConfig config = await(client.call(new HelpGetConfig()));
            assertThat(server.keys.get(client.authKey().id())).isNotNull();
            assertThat(config).isInstanceOfSatisfying(Config.class, c -> {
                assertThat(c.thisDc()).isEqualTo(2);
                assertThat(c.dcOptions()).hasSize(1);
            });
            Pong pong = await(client.ping());
            assertThat(pong.pingId()).isNotZero();
        } finally {
            await(client.close());
        }
    }

    @Test
    void aFirstMessageWithSaltZeroIsSentAgainWithTheServersSalt() {
        MtprotoClient first = await(MtprotoClient.connect(options(ClientTransport.ABRIDGED).build()));
        await(first.close());
        MtprotoClient client = await(MtprotoClient.connect(options(ClientTransport.ABRIDGED)
                .authKey(first.authKey()).serverSalt(0).build()));
        try {
            assertThat(client.serverSalt()).isZero();
            assertThat(await(client.call(new HelpGetNearestDc()))).isEqualTo(new NearestDc("XX", 2, 2));
            assertThat(client.serverSalt()).isEqualTo(server.sessions.salts().current(client.authKey().id()));
        } finally {
            await(client.close());
        }
    }

    @Test
    void anRpcErrorFailsTheCallWithItsCodeAndType() {
        MtprotoClient client = await(MtprotoClient.connect(options(ClientTransport.INTERMEDIATE).build()));
        try {
            assertThatThrownBy(() -> await(client.call(new UpdatesGetState())))
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOfSatisfying(RpcException.class, e -> {
                        assertThat(e.code()).isEqualTo(400);
                        assertThat(e.type()).isEqualTo("METHOD_NOT_IN_TEST");
                    });
            assertThat(await(client.call(new HelpGetNearestDc()))).isInstanceOf(NearestDc.class);
        } finally {
            await(client.close());
        }
    }

    @Test
    void objectsTheServerPushesReachTheListener() throws InterruptedException {
        List<TlObject> pushed = new CopyOnWriteArrayList<>();
        MtprotoClient client = await(MtprotoClient.connect(options(ClientTransport.OBFUSCATED_PADDED_INTERMEDIATE)
                .pushListener((c, o) -> pushed.add(o)).build()));
        try {
            await(client.call(new HelpGetNearestDc()));
            server.push(client.authKey(), client.sessionId(), new UpdateShort(new UpdateConfig(), 1234));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pushed.stream().noneMatch(UpdateShort.class::isInstance) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(pushed).anyMatch(NewSessionCreated.class::isInstance);
            assertThat(pushed).contains(new UpdateShort(new UpdateConfig(), 1234));
        } finally {
            await(client.close());
        }
    }

    @Test
    void aNewConnectionContinuesTheSessionWithTheSameKey() {
        MtprotoClient first = await(MtprotoClient.connect(options(ClientTransport.FULL).build()));
        for (int i = 0; i < 3; i++) {
            await(first.call(new HelpGetNearestDc()));
        }
        await(first.close());
        assertThat(first.isOpen()).isFalse();
        MtprotoClient second = await(MtprotoClient.connect(first.resumeOptions()));
        try {
            assertThat(second.sessionId()).isEqualTo(first.sessionId());
            assertThat(second.authKey()).isEqualTo(first.authKey());
            assertThat(await(second.call(new HelpGetConfig()))).isInstanceOf(Config.class);
            assertThat(server.sessions.find(first.authKey().id(), first.sessionId())).isNotNull();
        } finally {
            await(second.close());
        }
    }

    @Test
    void aClockOffByMinutesIsCorrectedFromBadMsgNotification() {
        MtprotoClient first = await(MtprotoClient.connect(options(ClientTransport.INTERMEDIATE).build()));
        await(first.close());
        Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));
        MtprotoClient client = await(MtprotoClient.connect(first.resumeOptions().toBuilder().clock(behind).build()));
        try {
            assertThat(await(client.call(new HelpGetNearestDc()))).isInstanceOf(NearestDc.class);
            assertThat(client.timeOffsetMillis()).isBetween(590_000L, 610_000L);
        } finally {
            await(client.close());
        }
    }

    @Test
    void aTemporaryKeyMayReadTheConfigBeforeItIsBound() {
        MtprotoClient client = await(MtprotoClient.connect(options(ClientTransport.INTERMEDIATE)
                .temporaryKey(Duration.ofHours(1)).build()));
        try {
            assertThat(await(client.call(new HelpGetConfig()))).isInstanceOf(Config.class);
            AuthKeyStore.Entry entry = server.keys.get(client.authKey().id());
            assertThat(entry.temporary()).isTrue();
            assertThatThrownBy(() -> await(client.call(new UpdatesGetState())))
                    .cause().isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.type()).isEqualTo("AUTH_KEY_PERM_EMPTY"));
        } finally {
            await(client.close());
        }
    }

    @Test
    void pingDelayDisconnectMakesTheServerClose() {
        MtprotoClient client = await(MtprotoClient.connect(options(ClientTransport.INTERMEDIATE).build()));
        assertThat(await(client.pingDelayDisconnect(1))).isInstanceOf(Pong.class);
        await(client.closeFuture());
        assertThat(client.isOpen()).isFalse();
        assertThatThrownBy(() -> await(client.call(new HelpGetNearestDc())))
                .cause().isInstanceOfSatisfying(MtprotoClientException.class,
                        e -> assertThat(e.reason()).isEqualTo(MtprotoClientException.Reason.CLOSED));
    }

    @Test
    void anUnknownAuthKeyGetsTransportError404() {
        byte[] random = new byte[256];
        new java.security.SecureRandom().nextBytes(random);
        CompletableFuture<MtprotoClient> connected = MtprotoClient.connect(options(ClientTransport.INTERMEDIATE)
                .authKey(io.heliograph.mtproto.crypto.AuthKey.of(random)).build());
        MtprotoClient client = await(connected);
        assertThatThrownBy(() -> await(client.call(new HelpGetNearestDc())))
                .cause().isInstanceOfSatisfying(MtprotoClientException.class, e -> assertThat(e.code()).isEqualTo(-404));
    }

    @Test
    void aProbeStopsAtResPqAndStaysOpen() throws InterruptedException {
        Probe probe = await(MtprotoClient.probe(options(ClientTransport.OBFUSCATED_INTERMEDIATE).build()));
        assertThat(probe.resPq().serverPublicKeyFingerprints()).isNotEmpty();
        Thread.sleep(200);
        assertThat(probe.isOpen()).isTrue();
        await(probe.close());
        assertThat(probe.isOpen()).isFalse();
    }

    @Test
    void aThousandConcurrentConnectionsCreateTheirKeys() {
        int n = Integer.getInteger("heliograph.client.concurrency", 1000);
        long start = System.nanoTime();
        List<CompletableFuture<MtprotoClient>> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(MtprotoClient.connect(options(ClientTransport.values()[i % 4]).handshakeTimeout(Duration.ofSeconds(90)).build()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).orTimeout(120, TimeUnit.SECONDS).join();
        long handshakes = System.nanoTime() - start;
        List<CompletableFuture<NearestDc>> calls = new ArrayList<>(n);
        for (CompletableFuture<MtprotoClient> c : all) {
            calls.add(c.join().call(new HelpGetNearestDc()).thenApply(NearestDc.class::cast));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
        System.out.printf("%d concurrent connections: keys created in %d ms, then one call each in %d ms total%n", n,
                TimeUnit.NANOSECONDS.toMillis(handshakes), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        assertThat(all.stream().map(f -> f.join().authKey().id()).distinct()).hasSize(n);
        CompletableFuture.allOf(all.stream().map(f -> f.join().close()).toArray(CompletableFuture[]::new)).join();
    }
}
