package io.heliograph.mtproto.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.mtproto.crypto.AuthKey;
import io.heliograph.mtproto.crypto.PacketCipher;
import io.heliograph.mtproto.crypto.RsaKeys;
import io.heliograph.mtproto.transport.InboundFrame;
import io.heliograph.mtproto.transport.TransportError;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.TlWriter;
import io.heliograph.tl.api.ApiRegistry;
import io.heliograph.tl.api.AuthBindTempAuthKey;
import io.heliograph.tl.api.HelpGetConfig;
import io.heliograph.tl.api.HelpGetNearestDc;
import io.heliograph.tl.api.InitConnection;
import io.heliograph.tl.api.InvokeWithLayer;
import io.heliograph.tl.api.NearestDc;
import io.heliograph.tl.api.UpdatesGetState;
import io.heliograph.tl.mtproto.BadMsgNotification;
import io.heliograph.tl.mtproto.BadServerSalt;
import io.heliograph.tl.mtproto.BindAuthKeyInner;
import io.heliograph.tl.mtproto.FutureSalts;
import io.heliograph.tl.mtproto.GetFutureSalts;
import io.heliograph.tl.mtproto.MsgsAck;
import io.heliograph.tl.mtproto.MtprotoRegistry;
import io.heliograph.tl.mtproto.NewSessionCreated;
import io.heliograph.tl.mtproto.Ping;
import io.heliograph.tl.mtproto.Pong;
import io.heliograph.tl.mtproto.RpcError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The session layer against a client played by the test: salts, sessions, msg_id and seqno rules, PFS binding. */
class SessionLayerTest {

    private final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    private final SecureRandom random = new SecureRandom();
    private final AuthKeyStore keys = AuthKeyStore.inMemory();
    private final SessionRegistry sessions = new SessionRegistry(CLOCK, ApiRegistry.LAYER);
    private final List<RpcCall> calls = new ArrayList<>();
    private EmbeddedChannel channel;
    private MtprotoServerHandler.Context context;
    private java.util.function.Function<RpcCall, CompletableFuture<TlObject>> override;
    private AuthKey perm;
    private Client client;

    @BeforeEach
    void setUp() {
        RpcHandler rpc = call -> {
            calls.add(call);
            if (override != null) {
                CompletableFuture<TlObject> f = override.apply(call);
                if (f != null) {
                    return f;
                }
            }
            if (call.function() instanceof HelpGetNearestDc) {
                return CompletableFuture.completedFuture(new NearestDc("XX", 2, 2));
            }
            return CompletableFuture.failedFuture(new RpcException(400, "NOT_IN_TEST"));
        };
        context = new MtprotoServerHandler.Context(RsaKeys.generateServerKey(random), keys, sessions, rpc, CLOCK, random);
        channel = new EmbeddedChannel(new MtprotoServerHandler(context));
        perm = newKey();
        keys.put(new AuthKeyStore.Entry(perm, false, 0, 2));
        client = new Client(perm, random.nextLong());
    }

    private AuthKey newKey() {
        byte[] k = new byte[256];
        random.nextBytes(k);
        return AuthKey.of(k);
    }

    @Test
    void aWrongSaltIsAnsweredWithTheCurrentOneAndTheCallIsNotProcessed() {
        client.salt = 0;
        List<Received> out = client.send(client.nextId(), 1, new HelpGetNearestDc().toBytes());
        assertThat(out).hasSize(1);
        BadServerSalt bad = (BadServerSalt) out.get(0).object();
        assertThat(bad.errorCode()).isEqualTo(48);
        assertThat(calls).isEmpty();

        client.salt = bad.newServerSalt();
        out = client.send(client.nextId(), 1, new HelpGetNearestDc().toBytes());
        assertThat(out).extracting(r -> r.object() == null ? "rpc_result" : r.object().tlName())
                .contains("new_session_created", "rpc_result", "msgs_ack");
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).permAuthKeyId()).isEqualTo(perm.id());
    }

    @Test
    void newSessionsAreAnnouncedOnceAndPingsArePonged() {
        client.salt = sessions.salts().current(perm.id());
        long first = client.nextId();
        List<Received> out = client.send(first, 1, new Ping(77).toBytes());
        assertThat(out.get(0).object()).isInstanceOf(NewSessionCreated.class);
        assertThat(((NewSessionCreated) out.get(0).object()).firstMsgId()).isEqualTo(first);
        assertThat(out).anyMatch(r -> r.object() instanceof Pong p && p.pingId() == 77 && p.msgId() == first);
        out = client.send(client.nextId(), 3, new Ping(78).toBytes());
        assertThat(out).noneMatch(r -> r.object() instanceof NewSessionCreated);
        assertThat(out).anyMatch(r -> r.object() instanceof Pong p && p.pingId() == 78);
        // server msg_ids increase and answers are 1 mod 4; content messages have odd seqno
        assertThat(out).allMatch(r -> r.msgId() % 4 == 1 || r.msgId() % 4 == 3);
        assertThat(out).filteredOn(r -> r.object() instanceof Pong).allMatch(r -> r.seqNo() % 2 == 1);
    }

    @Test
    void msgIdAndSeqNoRulesGiveBadMsgNotifications() {
        client.salt = sessions.salts().current(perm.id());
        long now = CLOCK.millis() / 1000;
        assertThat(code(client.send((now - 301) << 32, 1, new Ping(1).toBytes()))).isEqualTo(16);
        assertThat(code(client.send((now + 31) << 32, 1, new Ping(1).toBytes()))).isEqualTo(17);
        assertThat(code(client.send((now << 32) | 5, 1, new Ping(1).toBytes()))).isEqualTo(18);
        // 35: odd seqno expected (a content message), even received
        assertThat(code(client.send(client.nextId(), 2, new HelpGetNearestDc().toBytes()))).isEqualTo(35);
        // an acknowledgement with an odd seqno is taken as mtcute sends it (no bad_msg_notification)
        assertThat(client.send(client.nextId(), 3, new MsgsAck(List.of(1L)).toBytes()))
                .noneMatch(r -> r.object() instanceof BadMsgNotification);
        assertThat(calls).isEmpty();
        // seqno must grow with msg_id: a later message with a lower seqno (32), an earlier one with a higher (33)
        long a = client.nextId();
        long gap = client.nextId();
        long c = client.nextId();
        client.send(a, 5, new Ping(1).toBytes());
        client.send(c, 9, new Ping(3).toBytes());
        assertThat(code(client.send(client.nextId(), 7, new Ping(4).toBytes()))).isEqualTo(32);
        assertThat(code(client.send(gap, 11, new Ping(2).toBytes()))).isEqualTo(33);
    }

    @Test
    void aRepeatedMessageIsProcessedOnce() {
        client.salt = sessions.salts().current(perm.id());
        long id = client.nextId();
        client.send(id, 1, new HelpGetNearestDc().toBytes());
        client.send(id, 1, new HelpGetNearestDc().toBytes());
        assertThat(calls).hasSize(1);
    }

    @Test
    void containersGzipAndLayerWrappersAreUnpacked() throws Exception {
        client.salt = sessions.salts().current(perm.id());
        long a = client.nextId();
        long b = client.nextId();
        byte[] wrapped = new InvokeWithLayer<>(198, new InitConnection<>(1, "Pixel", "Android 15", "1.0", "en", "", "en",
                null, null, new HelpGetNearestDc())).toBytes();
        TlWriter container = new TlWriter();
        container.writeInt(0x73f1f8dc).writeInt(2);
        container.writeLong(a).writeInt(1).writeInt(wrapped.length).writeRaw(wrapped);
        byte[] gz = gzipPacked(new GetFutureSalts(3).toBytes());
        container.writeLong(b).writeInt(3).writeInt(gz.length).writeRaw(gz);
        List<Received> out = client.send(client.nextId(), 4, container.toByteArray());
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).layer()).isEqualTo(198);
        assertThat(calls.get(0).client().deviceModel()).isEqualTo("Pixel");
        assertThat(out).anyMatch(r -> r.object() instanceof FutureSalts s && s.salts().size() == 3 && s.reqMsgId() == b);
        assertThat(out).anyMatch(r -> r.rpcResultFor() == a);
    }

    @Test
    void unknownMethodsGetAnRpcErrorAndTheConnectionStays() {
        client.salt = sessions.salts().current(perm.id());
        long id = client.nextId();
        List<Received> out = client.send(id, 1, new TlWriter().writeInt(0x0badf00d).writeInt(1).toByteArray());
        assertThat(out).anyMatch(r -> r.rpcResultFor() == id && r.rpcError() != null && r.rpcError().errorCode() == 400);
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void anUnknownAuthKeyOrTamperedPacketClosesWith404() {
        Client stranger = new Client(newKey(), 1);
        stranger.sendRaw(stranger.packet(stranger.nextId(), 1, new Ping(1).toBytes()));
        assertThat((Object) channel.readOutbound()).isEqualTo(new TransportError(-404));
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void temporaryKeysServeOnlyBindingUntilBoundThenCarryThePermanentIdentity() {
        AuthKey temp = newKey();
        keys.put(new AuthKeyStore.Entry(temp, true, CLOCK.millis() / 1000 + 3600, 2));
        Client tc = new Client(temp, random.nextLong());
        tc.salt = sessions.salts().current(temp.id());

        long denied = tc.nextId();
        List<Received> out = tc.send(denied, 1, new UpdatesGetState().toBytes());
        assertThat(out).anyMatch(r -> r.rpcResultFor() == denied && r.rpcError() != null
                && new String(r.rpcError().errorMessage(), StandardCharsets.UTF_8).equals("AUTH_KEY_PERM_EMPTY"));
        tc.send(tc.nextId(), 3, new HelpGetConfig().toBytes());
        assertThat(calls).hasSize(1); // help.getConfig is allowed before binding

        int expiresAt = (int) (CLOCK.millis() / 1000 + 3600);
        long nonce = random.nextLong();

        // a binding that names another session is refused
        byte[] wrongInner = new BindAuthKeyInner(nonce, temp.id(), perm.id(), tc.sessionId + 1, expiresAt).toBytes();
        TlWriter wrongPlain = new TlWriter();
        long wrongId = tc.nextId();
        wrongPlain.writeLong(0).writeLong(0).writeLong(wrongId).writeInt(0).writeInt(wrongInner.length).writeRaw(wrongInner);
        out = tc.send(wrongId, 5, new AuthBindTempAuthKey(perm.id(), nonce, expiresAt,
                PacketCipher.encrypt(perm, 0, wrongPlain.toByteArray(), random)).toBytes());
        assertThat(out).anyMatch(r -> r.rpcError() != null
                && new String(r.rpcError().errorMessage(), StandardCharsets.UTF_8).equals("ENCRYPTED_MESSAGE_INVALID"));

        long bindId = tc.nextId();
        byte[] inner = new BindAuthKeyInner(nonce, temp.id(), perm.id(), tc.sessionId, expiresAt).toBytes();
        TlWriter plain = new TlWriter();
        plain.writeLong(random.nextLong()).writeLong(random.nextLong()).writeLong(bindId).writeInt(0)
                .writeInt(inner.length).writeRaw(inner);
        byte[] encrypted = PacketCipher.encrypt(perm, 0, plain.toByteArray(), random);
        out = tc.send(bindId, 7, new AuthBindTempAuthKey(perm.id(), nonce, expiresAt, encrypted).toBytes());
        assertThat(out).anyMatch(r -> r.rpcResultFor() == bindId && r.rpcError() == null && r.boolResult() == Boolean.TRUE);
        assertThat(keys.get(temp.id()).permKeyId()).isEqualTo(perm.id());

        tc.send(tc.nextId(), 9, new HelpGetNearestDc().toBytes());
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).authKeyId()).isEqualTo(temp.id());
        assertThat(calls.get(1).permAuthKeyId()).isEqualTo(perm.id());
    }

    @Test
    void unacknowledgedMessagesAreResentWhenTheSessionReconnectsAndDroppedOnceAcked() {
        client.salt = sessions.salts().current(perm.id());
        List<Received> first = client.send(client.nextId(), 1, new Ping(5).toBytes());
        Received pong = first.stream().filter(r -> r.object() instanceof Pong).findFirst().orElseThrow();
        Received created = first.stream().filter(r -> r.object() instanceof NewSessionCreated).findFirst().orElseThrow();

        // the connection drops; the client comes back on a new one with the same session
        channel = new EmbeddedChannel(new MtprotoServerHandler(context));
        List<Received> again = client.send(client.nextId(), 3, new Ping(6).toBytes());
        assertThat(again).anyMatch(r -> r.msgId() == pong.msgId() && r.object() instanceof Pong p && p.pingId() == 5);
        // the session continues: new_session_created is only repeated (same msg_id), never issued anew
        assertThat(again).noneMatch(r -> r.object() instanceof NewSessionCreated && r.msgId() != created.msgId());

        List<Long> toAck = again.stream().filter(r -> r.seqNo() % 2 == 1).map(Received::msgId).toList();
        client.send(client.nextId(), 4, new MsgsAck(toAck).toBytes());
        channel = new EmbeddedChannel(new MtprotoServerHandler(context));
        List<Received> third = client.send(client.nextId(), 5, new Ping(7).toBytes());
        assertThat(third).noneMatch(r -> toAck.contains(r.msgId()));

        // msg_resend_req for a kept message sends it again; msgs_state_req reports what the server received
        Received pong7 = third.stream().filter(r -> r.object() instanceof Pong).findFirst().orElseThrow();
        long resendReqId = client.nextId();
        List<Received> resent = client.send(resendReqId, 7, new io.heliograph.tl.mtproto.MsgResendReq(List.of(pong7.msgId())).toBytes());
        assertThat(resent).anyMatch(r -> r.msgId() == pong7.msgId());
        long unknown = resendReqId + 400;
        List<Received> state = client.send(client.nextId(), 9,
                new io.heliograph.tl.mtproto.MsgsStateReq(List.of(resendReqId, unknown)).toBytes());
        byte[] info = state.stream().filter(r -> r.object() instanceof io.heliograph.tl.mtproto.MsgsStateInfo)
                .map(r -> ((io.heliograph.tl.mtproto.MsgsStateInfo) r.object()).info()).findFirst().orElseThrow();
        assertThat(info).containsExactly(12, 1);
    }

    @Test
    void saltsRotateThePreviousStaysValidForItsGraceAndFutureSaltsAreHonoured() {
        long first = sessions.salts().current(perm.id());
        client.salt = first;
        List<Received> out = client.send(client.nextId(), 1, new GetFutureSalts(3).toBytes());
        FutureSalts future = (FutureSalts) out.stream().filter(r -> r.object() instanceof FutureSalts).findFirst().orElseThrow().object();
        assertThat(future.salts()).hasSize(3);
        assertThat(future.salts().get(0).salt()).isEqualTo(first);

        CLOCK.advance(ServerSalts.PERIOD_SECONDS + 10); // next period: the old salt is still accepted
        out = client.send(client.nextId(), 3, new Ping(1).toBytes());
        assertThat(out).noneMatch(r -> r.object() instanceof BadServerSalt);
        assertThat(sessions.salts().current(perm.id())).isEqualTo(future.salts().get(1).salt());

        CLOCK.advance(ServerSalts.GRACE_SECONDS); // past its grace: refused, the current one offered
        out = client.send(client.nextId(), 5, new Ping(2).toBytes());
        BadServerSalt bad = (BadServerSalt) out.stream().filter(r -> r.object() instanceof BadServerSalt).findFirst().orElseThrow().object();
        assertThat(bad.newServerSalt()).isEqualTo(future.salts().get(2).salt());
        client.salt = future.salts().get(2).salt();
        out = client.send(client.nextId(), 7, new Ping(3).toBytes());
        assertThat(out).anyMatch(r -> r.object() instanceof Pong p && p.pingId() == 3);
    }

    @Test
    void pingDelayDisconnectClosesAnIdleConnectionAndAnotherPingPostponesIt() {
        client.salt = sessions.salts().current(perm.id());
        client.send(client.nextId(), 1, new io.heliograph.tl.mtproto.PingDelayDisconnect(1, 75).toBytes());
        channel.advanceTimeBy(60, java.util.concurrent.TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isActive()).isTrue();
        client.send(client.nextId(), 3, new io.heliograph.tl.mtproto.PingDelayDisconnect(2, 75).toBytes());
        channel.advanceTimeBy(60, java.util.concurrent.TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isActive()).as("the second ping moved the deadline").isTrue();
        channel.advanceTimeBy(16, java.util.concurrent.TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void invokeAfterMsgWaitsForTheNamedCall() {
        client.salt = sessions.salts().current(perm.id());
        CompletableFuture<TlObject> slow = new CompletableFuture<>();
        override = call -> call.function() instanceof HelpGetConfig ? slow : null;
        long first = client.nextId();
        client.send(first, 1, new HelpGetConfig().toBytes());
        long second = client.nextId();
        client.send(second, 3, new io.heliograph.tl.api.InvokeAfterMsg<>(first, new HelpGetNearestDc()).toBytes());
        assertThat(calls).hasSize(1); // the second waits for the first
        slow.complete(new NearestDc("XX", 2, 2));
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).function()).isInstanceOf(HelpGetNearestDc.class);
    }

    @Test
    void answersLeaveInTheOrderTheirCallsArrived() {
        client.salt = sessions.salts().current(perm.id());
        CompletableFuture<TlObject> slow = new CompletableFuture<>();
        override = call -> call.function() instanceof HelpGetConfig ? slow : null;
        long first = client.nextId();
        client.send(first, 1, new HelpGetConfig().toBytes());
        long second = client.nextId();
        List<Received> early = client.send(second, 3, new HelpGetNearestDc().toBytes());
        assertThat(early).noneMatch(r -> r.rpcResultFor() == second);
        slow.completeExceptionally(new RpcException(400, "SLOW_ONE"));
        List<Received> out = client.drain();
        List<Long> order = out.stream().filter(r -> r.rpcResultFor() != 0).map(Received::rpcResultFor).toList();
        assertThat(order).containsExactly(first, second);
    }

    @Test
    void aPushReachesTheSessionNowOrOnItsNextConnection() {
        List<String> events = new ArrayList<>();
        SessionEvents recorder = new SessionEvents() {
            @Override
            public void online(ServerSession session, AuthKeyStore.Entry key) {
                events.add("online");
            }

            @Override
            public void offline(ServerSession session) {
                events.add("offline");
            }
        };
        context = new MtprotoServerHandler.Context(context.rsaKey(), keys, sessions, context.rpc(), CLOCK, random, recorder);
        channel = new EmbeddedChannel(new MtprotoServerHandler(context));
        client.salt = sessions.salts().current(perm.id());
        client.send(client.nextId(), 1, new Ping(1).toBytes());
        ServerSession session = sessions.find(perm.id(), client.sessionId);

        assertThat(MtprotoServerHandler.push(context, session, new io.heliograph.tl.api.UpdatesTooLong())).isTrue();
        List<Received> now = client.drain();
        assertThat(now).anyMatch(r -> r.object() instanceof io.heliograph.tl.api.UpdatesTooLong && r.seqNo() % 2 == 1);

        channel.close();
        assertThat(events).containsExactly("online", "offline");
        MtprotoServerHandler.push(context, session, new io.heliograph.tl.api.UpdatesTooLong());
        assertThat(session.parkedCount()).isEqualTo(1);

        channel = new EmbeddedChannel(new MtprotoServerHandler(context));
        List<Received> later = client.send(client.nextId(), 3, new Ping(2).toBytes());
        assertThat(later).filteredOn(r -> r.object() instanceof io.heliograph.tl.api.UpdatesTooLong).hasSize(2)
                .as("the unacknowledged one again, and the parked one").isNotEmpty();
        assertThat(session.parkedCount()).isZero();
        assertThat(events).containsExactly("online", "offline", "online");
    }

    @Test
    void aPushToManySessionsSerializesTheObjectOncePerLayer() {
        client.salt = sessions.salts().current(perm.id());
        client.send(client.nextId(), 1, new Ping(1).toBytes());
        ServerSession session = sessions.find(perm.id(), client.sessionId);
        java.util.Map<Integer, byte[]> bodies = new java.util.HashMap<>();
        io.heliograph.tl.api.UpdateShort post = new io.heliograph.tl.api.UpdateShort(
                new io.heliograph.tl.api.UpdateChannelTooLong(1500000001L, 7), 1700000000);

        assertThat(MtprotoServerHandler.push(context, session, post, bodies)).isTrue();
        byte[] cached = bodies.get(session.layer());
        assertThat(cached).isEqualTo(io.heliograph.tl.layer.Layers.forClient(session.layer()).toBytes(post));
        assertThat(MtprotoServerHandler.push(context, session, post, bodies)).isTrue();

        assertThat(bodies).hasSize(1);
        assertThat(bodies.get(session.layer())).isSameAs(cached); // reused, not serialized again
        assertThat(client.drain()).filteredOn(r -> r.object() instanceof io.heliograph.tl.api.UpdateShort u
                && u.update() instanceof io.heliograph.tl.api.UpdateChannelTooLong t && t.channelId() == 1500000001L)
                .hasSize(2);
    }

    /** A store that holds no key locally and answers {@code load} with {@code load}. */
    private static AuthKeyStore heldElsewhere(
            java.util.function.LongFunction<java.util.concurrent.CompletionStage<AuthKeyStore.Entry>> load) {
        return new AuthKeyStore() {
            @Override
            public AuthKeyStore.Entry get(long authKeyId) {
                return null;
            }

            @Override
            public void put(AuthKeyStore.Entry entry) {
            }

            @Override
            public void remove(long authKeyId) {
            }

            @Override
            public java.util.concurrent.CompletionStage<AuthKeyStore.Entry> load(long authKeyId) {
                return load.apply(authKeyId);
            }
        };
    }

    @Test
    void aKeyHeldElsewhereIsLoadedWhileTheConnectionReadsNothingElse() {
        CompletableFuture<AuthKeyStore.Entry> lookup = new CompletableFuture<>();
        AuthKeyStore remote = heldElsewhere(id -> lookup);
        context = new MtprotoServerHandler.Context(context.rsaKey(), remote, sessions, context.rpc(), CLOCK, random);
        channel = new EmbeddedChannel(new MtprotoServerHandler(context));
        client.salt = sessions.salts().current(perm.id());
        client.sendRaw(client.packet(client.nextId(), 1, new Ping(5).toBytes()));
        client.sendRaw(client.packet(client.nextId(), 3, new Ping(6).toBytes()));
        assertThat(client.drain()).isEmpty();
        assertThat(channel.config().isAutoRead()).isFalse();

        lookup.complete(new AuthKeyStore.Entry(perm, false, 0, 2));
        List<Received> out = client.drain();
        assertThat(out).filteredOn(r -> r.object() instanceof Pong).extracting(r -> ((Pong) r.object()).pingId())
                .containsExactly(5L, 6L);
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void aKeyUnknownEverywhereGets404() {
        AuthKeyStore empty = AuthKeyStore.inMemory();
        context = new MtprotoServerHandler.Context(context.rsaKey(), empty, sessions, context.rpc(), CLOCK, random);
        channel = new EmbeddedChannel(new MtprotoServerHandler(context));
        client.sendRaw(client.packet(client.nextId(), 1, new Ping(5).toBytes()));
        assertThat((Object) channel.readOutbound()).isEqualTo(new TransportError(-404));
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void anUnreachableKeyStoreClosesTheConnectionWithoutTellingTheClientItsKeyIsUnknown() {
        AuthKeyStore failing = heldElsewhere(
                id -> java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("store down")));
        context = new MtprotoServerHandler.Context(context.rsaKey(), failing, sessions, context.rpc(), CLOCK, random);
        channel = new EmbeddedChannel(new MtprotoServerHandler(context));
        client.sendRaw(client.packet(client.nextId(), 1, new Ping(5).toBytes()));
        channel.runPendingTasks();
        assertThat((Object) channel.readOutbound()).as("no -404: the client must keep its key").isNull();
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void aNewSessionStartsWithTheLayerAndClientItsKeyLastAnnounced() {
        ClientInfo android = new ClientInfo(6, "Pixel", "Android 15", "11.0", "en", "android", "en");
        AuthKeyStore remembering = new AuthKeyStore() {
            @Override
            public AuthKeyStore.Entry get(long authKeyId) {
                return keys.get(authKeyId);
            }

            @Override
            public void put(AuthKeyStore.Entry entry) {
                keys.put(entry);
            }

            @Override
            public void remove(long authKeyId) {
                keys.remove(authKeyId);
            }

            @Override
            public AuthKeyStore.Connection connection(long authKeyId) {
                return authKeyId == perm.id() ? new AuthKeyStore.Connection(198, android) : null;
            }
        };
        context = new MtprotoServerHandler.Context(context.rsaKey(), remembering, sessions, context.rpc(), CLOCK, random);
        channel = new EmbeddedChannel(new MtprotoServerHandler(context));
        client.salt = sessions.salts().current(perm.id());
        client.send(client.nextId(), 1, new HelpGetNearestDc().toBytes());
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).layer()).isEqualTo(198);
        assertThat(calls.get(0).client()).isEqualTo(android);
    }

    @Test
    void aKeyHoldsAtMostMaxSessionsTheOldestEndsFirst() {
        long first = 0;
        for (int i = 0; i <= SessionRegistry.MAX_SESSIONS_PER_KEY; i++) {
            Client c = new Client(perm, 1000 + i);
            c.salt = sessions.salts().current(perm.id());
            c.send(c.nextId(), 1, new Ping(i).toBytes());
            if (i == 0) {
                first = 1000;
            }
        }
        assertThat(sessions.size()).isEqualTo(SessionRegistry.MAX_SESSIONS_PER_KEY);
        assertThat(sessions.find(perm.id(), first)).isNull();
        assertThat(sessions.find(perm.id(), 1001)).isNotNull();
    }

    @Test
    void idleSessionsWithoutAConnectionExpire() {
        client.salt = sessions.salts().current(perm.id());
        client.send(client.nextId(), 1, new Ping(1).toBytes());
        assertThat(sessions.expire(60_000)).as("still connected").isEmpty();
        channel.close();
        CLOCK.advance(30);
        assertThat(sessions.expire(60_000)).isEmpty();
        CLOCK.advance(31);
        assertThat(sessions.expire(60_000)).hasSize(1);
        assertThat(sessions.size()).isZero();
    }

    @Test
    void aRepeatedRequestWhoseAnswerIsUnacknowledgedGetsTheAnswerAgain() {
        client.salt = sessions.salts().current(perm.id());
        long id = client.nextId();
        List<Received> first = client.send(id, 1, new HelpGetNearestDc().toBytes());
        Received answer = first.stream().filter(r -> r.rpcResultFor() == id).findFirst().orElseThrow();
        List<Received> again = client.send(id, 1, new HelpGetNearestDc().toBytes());
        assertThat(calls).hasSize(1);
        assertThat(again).anyMatch(r -> r.msgId() == answer.msgId() && r.rpcResultFor() == id);
    }

    @Test
    void decompressionBombsNestedContainersAndMisorderedContainersAreRefused() throws Exception {
        client.salt = sessions.salts().current(perm.id());
        // 17 MiB of zeros compress to a few KiB: refused before they are all inflated
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(raw)) {
            gz.write(new byte[17 << 20]);
        }
        byte[] bomb = new TlWriter().writeInt(0x3072cfa1).writeBytes(raw.toByteArray()).toByteArray();
        long bombId = client.nextId();
        List<Received> out = client.send(bombId, 1, bomb);
        assertThat(out).anyMatch(r -> r.rpcResultFor() == bombId && r.rpcError() != null);

        byte[] ping = new Ping(1).toBytes();
        long innerId = client.nextId();
        TlWriter inner = new TlWriter().writeInt(0x73f1f8dc).writeInt(1).writeLong(innerId).writeInt(1).writeInt(ping.length).writeRaw(ping);
        byte[] innerBytes = inner.toByteArray();
        long middleId = client.nextId();
        TlWriter outer = new TlWriter().writeInt(0x73f1f8dc).writeInt(1).writeLong(middleId).writeInt(0)
                .writeInt(innerBytes.length).writeRaw(innerBytes);
        out = client.send(client.nextId(), 2, outer.toByteArray());
        assertThat(out).noneMatch(r -> r.object() instanceof Pong);

        long later = client.nextId() + 400; // a contained message id above its container's
        TlWriter misordered = new TlWriter().writeInt(0x73f1f8dc).writeInt(1).writeLong(later).writeInt(1)
                .writeInt(ping.length).writeRaw(ping);
        out = client.send(client.nextId(), 2, misordered.toByteArray());
        assertThat(out).noneMatch(r -> r.object() instanceof Pong);
        assertThat(calls).isEmpty();
    }

    @Test
    void destroyAuthKeyIsAnsweredThenTheKeyIsGone() {
        client.salt = sessions.salts().current(perm.id());
        List<Received> out = client.send(client.nextId(), 1, new io.heliograph.tl.mtproto.DestroyAuthKey().toBytes());
        assertThat(out).anyMatch(r -> r.object() instanceof io.heliograph.tl.mtproto.DestroyAuthKeyOk);
        assertThat(keys.get(perm.id())).isNull();
        assertThat(channel.isActive()).isFalse();
        channel = new EmbeddedChannel(new MtprotoServerHandler(context));
        client.sendRaw(client.packet(client.nextId(), 3, new Ping(1).toBytes()));
        assertThat((Object) channel.readOutbound()).isEqualTo(new TransportError(-404));
    }

    @Test
    void aQuickAckRequestIsAnsweredWithTheTokenBeforeAnythingElse() {
        client.salt = sessions.salts().current(perm.id());
        long id = client.nextId();
        byte[] body = new Ping(9).toBytes();
        TlWriter w = new TlWriter();
        w.writeLong(client.salt).writeLong(client.sessionId).writeLong(id).writeInt(1).writeInt(body.length).writeRaw(body);
        byte[] packet = PacketCipher.encrypt(perm, 0, w.toByteArray(), random);
        channel.writeInbound(new InboundFrame(Unpooled.wrappedBuffer(packet), true));
        PacketCipher.Decrypted d = (PacketCipher.Decrypted) PacketCipher.decrypt(perm, 0, packet, 0, packet.length);
        int expected;
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(perm.key(), 88, 32);
            byte[] h = sha.digest(d.plaintext());
            expected = java.nio.ByteBuffer.wrap(h, 0, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() | 0x80000000;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        assertThat((Object) channel.readOutbound()).isEqualTo(new io.heliograph.mtproto.transport.QuickAck(expected));
        assertThat(expected).isNegative();
        ByteBuf rest;
        while ((rest = channel.readOutbound()) != null) {
            rest.release();
        }
    }

    @Test
    void invalidAndRepeatedContainersGet64And19() {
        client.salt = sessions.salts().current(perm.id());
        byte[] ping = new Ping(1).toBytes();
        long inner = client.nextId();
        long containerId = client.nextId();
        byte[] container = new TlWriter().writeInt(0x73f1f8dc).writeInt(1).writeLong(inner).writeInt(1)
                .writeInt(ping.length).writeRaw(ping).toByteArray();
        client.send(containerId, 2, container);
        long inner2 = client.nextId();
        byte[] again = new TlWriter().writeInt(0x73f1f8dc).writeInt(1).writeLong(inner2).writeInt(3)
                .writeInt(ping.length).writeRaw(ping).toByteArray();
        // a new container reusing the id of the first: 19 (the contained id is below it, so only the reuse is wrong)
        assertThat(code(client.send(containerId, 2, again))).isIn(19, 64);
        byte[] trailing = new TlWriter().writeInt(0x73f1f8dc).writeInt(0).writeInt(7).toByteArray();
        assertThat(code(client.send(client.nextId(), 2, trailing))).isEqualTo(64);
    }

    @Test
    void largeResultsTravelGzipped() {
        client.salt = sessions.salts().current(perm.id());
        override = call -> CompletableFuture.completedFuture(new NearestDc("x".repeat(4000), 2, 2));
        long id = client.nextId();
        List<Received> out = client.send(id, 1, new HelpGetNearestDc().toBytes());
        Received r = out.stream().filter(x -> x.rpcResultFor() == id).findFirst().orElseThrow();
        TlReader reader = new TlReader(r.rpcResult());
        assertThat(reader.readInt()).isEqualTo(0x3072cfa1);
        assertThat(r.rpcResult().length).isLessThan(1000);
    }

    @Test
    void aRepeatedRequestWhoseAnswerWasAcknowledgedGetsMsgDetailedInfo() {
        client.salt = sessions.salts().current(perm.id());
        long id = client.nextId();
        List<Received> first = client.send(id, 1, new HelpGetNearestDc().toBytes());
        Received answer = first.stream().filter(r -> r.rpcResultFor() == id).findFirst().orElseThrow();
        client.send(client.nextId(), 2, new MsgsAck(List.of(answer.msgId())).toBytes());
        List<Received> again = client.send(id, 1, new HelpGetNearestDc().toBytes());
        assertThat(calls).hasSize(1);
        assertThat(again).anyMatch(r -> r.object() instanceof io.heliograph.tl.mtproto.MsgDetailedInfo info
                && info.msgId() == id && info.answerMsgId() == answer.msgId());
    }

    @Test
    void rpcDropAnswerTellsRunningFromDroppedFromUnknown() {
        client.salt = sessions.salts().current(perm.id());
        CompletableFuture<TlObject> slow = new CompletableFuture<>();
        override = call -> call.function() instanceof HelpGetConfig ? slow : null;
        // answered first: answers leave in the order their calls arrived, so none can pass the running one
        long answered = client.nextId();
        List<Received> out = client.send(answered, 1, new HelpGetNearestDc().toBytes());
        Received answer = out.stream().filter(r -> r.rpcResultFor() == answered).findFirst().orElseThrow();
        long running = client.nextId();
        client.send(running, 3, new HelpGetConfig().toBytes());

        assertThat(dropResult(running, 5)).isInstanceOf(io.heliograph.tl.mtproto.RpcAnswerDroppedRunning.class);
        TlObject dropped = dropResult(answered, 7);
        assertThat(dropped).isInstanceOf(io.heliograph.tl.mtproto.RpcAnswerDropped.class);
        assertThat(((io.heliograph.tl.mtproto.RpcAnswerDropped) dropped).msgId()).isEqualTo(answer.msgId());
        assertThat(dropResult(client.nextId() - 400, 9)).isInstanceOf(io.heliograph.tl.mtproto.RpcAnswerUnknown.class);
        slow.complete(new NearestDc("XX", 2, 2));
    }

    private TlObject dropResult(long reqMsgId, int seqNo) {
        long id = client.nextId();
        List<Received> out = client.send(id, seqNo, new io.heliograph.tl.mtproto.RpcDropAnswer(reqMsgId).toBytes());
        Received r = out.stream().filter(x -> x.rpcResultFor() == id).findFirst().orElseThrow();
        return MtprotoRegistry.read(new TlReader(r.rpcResult()));
    }

    @Test
    void anExpiredTemporaryKeyIsUnknown() {
        AuthKey temp = newKey();
        keys.put(new AuthKeyStore.Entry(temp, true, CLOCK.millis() / 1000 - 1, 2));
        Client tc = new Client(temp, 1);
        tc.sendRaw(tc.packet(tc.nextId(), 1, new Ping(1).toBytes()));
        assertThat((Object) channel.readOutbound()).isEqualTo(new TransportError(-404));
    }

    private static int code(List<Received> out) {
        return out.stream().filter(r -> r.object() instanceof BadMsgNotification).map(r -> ((BadMsgNotification) r.object()).errorCode())
                .findFirst().orElse(-1);
    }

    private static byte[] gzipPacked(byte[] body) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(body);
        }
        return new TlWriter().writeInt(0x3072cfa1).writeBytes(bytes.toByteArray()).toByteArray();
    }

    /** A decrypted server message: an MTProto object, or an rpc_result (request id and raw result). */
    record Received(long msgId, int seqNo, TlObject object, long rpcResultFor, byte[] rpcResult) {

        RpcError rpcError() {
            if (rpcResult == null || new TlReader(rpcResult).readInt() != 0x2144ca19) {
                return null;
            }
            return (RpcError) MtprotoRegistry.read(new TlReader(rpcResult));
        }

        Boolean boolResult() {
            return rpcResult == null ? null : new TlReader(rpcResult).readBool();
        }
    }

    private final class Client {

        private final AuthKey key;
        private final long sessionId;
        private long salt;
        private long lastId;

        Client(AuthKey key, long sessionId) {
            this.key = key;
            this.sessionId = sessionId;
        }

        long nextId() {
            long id = (CLOCK.millis() / 1000) << 32;
            lastId = Math.max(id, lastId + 4);
            return lastId;
        }

        byte[] packet(long msgId, int seqNo, byte[] body) {
            TlWriter w = new TlWriter();
            w.writeLong(salt).writeLong(sessionId).writeLong(msgId).writeInt(seqNo).writeInt(body.length).writeRaw(body);
            return PacketCipher.encrypt(key, 0, w.toByteArray(), random);
        }

        void sendRaw(byte[] packet) {
            channel.writeInbound(new InboundFrame(Unpooled.wrappedBuffer(packet), false));
        }

        List<Received> send(long msgId, int seqNo, byte[] body) {
            sendRaw(packet(msgId, seqNo, body));
            return drain();
        }

        /** What the server wrote since the last read. */
        List<Received> drain() {
            channel.runPendingTasks();
            List<Received> out = new ArrayList<>();
            Object o;
            while ((o = channel.readOutbound()) != null) {
                ByteBuf buf = (ByteBuf) o;
                byte[] packet = new byte[buf.readableBytes()];
                buf.readBytes(packet);
                buf.release();
                PacketCipher.Decrypted d = (PacketCipher.Decrypted) PacketCipher.decrypt(key, 8, packet, 0, packet.length);
                assertThat(d.sessionId()).isEqualTo(sessionId);
                byte[] body2 = java.util.Arrays.copyOfRange(d.plaintext(), 32, 32 + d.messageDataLength());
                TlReader r = new TlReader(body2);
                if (r.readInt() == 0x73f1f8dc) {
                    assertThat(d.seqNo() % 2).as("containers are not content-related").isZero();
                    int n = r.readInt();
                    long previous = 0;
                    for (int i = 0; i < n; i++) {
                        long innerId = r.readLong();
                        int innerSeq = r.readInt();
                        byte[] inner = r.readRaw(r.readInt());
                        assertThat(innerId).as("contained ids are below the container's").isLessThan(d.messageId());
                        previous = innerId;
                        out.add(decode(innerId, innerSeq, inner));
                    }
                } else {
                    out.add(decode(d.messageId(), d.seqNo(), body2));
                }
            }
            return out;
        }

        private Received decode(long msgId, int seqNo, byte[] body) {
            TlReader r = new TlReader(body);
            if (r.readInt() == 0xf35c6d01) {
                long req = r.readLong();
                return new Received(msgId, seqNo, null, req, r.readRaw(r.remaining()));
            }
            int id = new TlReader(body).readInt();
            TlObject object = MtprotoRegistry.name(id) != null ? MtprotoRegistry.read(new TlReader(body))
                    : ApiRegistry.read(new TlReader(body));
            return new Received(msgId, seqNo, object, 0, null);
        }
    }

    /** A clock the test moves forward. */
    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
