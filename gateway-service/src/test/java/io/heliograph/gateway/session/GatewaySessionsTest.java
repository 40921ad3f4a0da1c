package io.heliograph.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.gateway.GatewayMeters;
import io.heliograph.gateway.authkeys.RemoteAuthKeyStore;
import io.heliograph.mtproto.crypto.AuthKey;
import io.heliograph.mtproto.crypto.MessageKeys;
import io.heliograph.mtproto.crypto.PacketCipher;
import io.heliograph.mtproto.crypto.RsaKeys;
import io.heliograph.mtproto.session.AuthKeyStore;
import io.heliograph.mtproto.session.MtprotoServerHandler;
import io.heliograph.mtproto.session.RpcException;
import io.heliograph.mtproto.session.ServerSession;
import io.heliograph.mtproto.session.SessionRegistry;
import io.heliograph.mtproto.transport.InboundFrame;
import io.heliograph.tl.TlWriter;
import io.heliograph.tl.api.ApiRegistry;
import io.heliograph.tl.mtproto.Ping;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sessions of users as channel posts find them: real server sessions, brought online by an encrypted ping. */
class GatewaySessionsTest {

    private static final long ALICE = 5L << 32;
    private static final long BOB = 6L << 32;
    private static final long CAROL = 7L << 32;

    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();
    private final RemoteAuthKeyStore keys = new RemoteAuthKeyStore(null, 1, Duration.ofSeconds(1), 1000);
    private final GatewaySessions sessions = new GatewaySessions(keys, null, "presence", "g0",
            new GatewayMeters(new SimpleMeterRegistry()), clock);
    private final SessionRegistry registry = new SessionRegistry(clock, ApiRegistry.LAYER);
    private final MtprotoServerHandler.Context context = new MtprotoServerHandler.Context(
            RsaKeys.generateServerKey(random), keys, registry,
            call -> CompletableFuture.failedFuture(new RpcException(400, "NONE")), clock, random, sessions);
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void close() {
        for (EmbeddedChannel ch : channels) {
            for (Object out; (out = ch.readOutbound()) != null; ) {
                ReferenceCountUtil.release(out);
            }
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void sessionsOfUsersAreThoseOfEachUserInOnePass() {
        ServerSession alice1 = online(ALICE);
        ServerSession alice2 = online(ALICE);
        ServerSession bob = online(BOB);
        ServerSession carol = online(CAROL);
        online(0); // a key not logged in belongs to nobody

        assertThat(sessions.sessionsOfUsers(Set.of(ALICE, BOB))).containsExactlyInAnyOrder(alice1, alice2, bob)
                .doesNotContain(carol);
        List<ServerSession> oneByOne = new ArrayList<>(sessions.sessionsOfUser(ALICE));
        oneByOne.addAll(sessions.sessionsOfUser(BOB));
        assertThat(sessions.sessionsOfUsers(Set.of(ALICE, BOB))).containsExactlyInAnyOrderElementsOf(oneByOne);
        assertThat(sessions.sessionsOfUsers(Set.of(CAROL))).containsExactly(carol);
        assertThat(sessions.sessionsOfUsers(Set.of())).isEmpty();
        assertThat(sessions.sessionsOfUsers(Set.of(8L << 32))).isEmpty();
    }

    /** A new key authorized as {@code user} (0: none) whose client's first message, a ping, opens a session. */
    private ServerSession online(long user) {
        byte[] k = new byte[AuthKey.LENGTH];
        random.nextBytes(k);
        AuthKey key = AuthKey.of(k);
        keys.put(new AuthKeyStore.Entry(key, false, 0, 1));
        if (user != 0) {
            keys.authorized(key.id(), user);
        }
        long sessionId = random.nextLong();
        byte[] body = new Ping(1).toBytes();
        long msgId = (clock.millis() / 1000) << 32 | 4;
        byte[] plain = new TlWriter(32 + body.length).writeLong(registry.salts().current(key.id())).writeLong(sessionId)
                .writeLong(msgId).writeInt(1).writeInt(body.length).writeRaw(body).toByteArray();
        EmbeddedChannel ch = new EmbeddedChannel(new MtprotoServerHandler(context));
        channels.add(ch);
        ch.writeInbound(new InboundFrame(Unpooled.wrappedBuffer(
                PacketCipher.encrypt(key, MessageKeys.CLIENT_TO_SERVER, plain, random)), false));
        ServerSession s = registry.find(key.id(), sessionId);
        assertThat(s).isNotNull();
        assertThat(sessions.sessionsOf(key.id())).containsExactly(s);
        return s;
    }
}
