package io.heliograph.mtproto.session;

import io.heliograph.mtproto.crypto.AuthKey;
import io.heliograph.mtproto.crypto.PacketCipher;
import io.heliograph.mtproto.handshake.AuthKeyExchange;
import io.heliograph.mtproto.crypto.MessageKeys;
import io.heliograph.mtproto.transport.InboundFrame;
import io.heliograph.mtproto.transport.QuickAck;
import io.heliograph.mtproto.transport.TransportError;
import io.heliograph.tl.TlDecodeException;
import io.heliograph.tl.TlFunction;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.TlWriter;
import io.heliograph.tl.TlConstants;
import io.heliograph.tl.api.AuthBindTempAuthKey;
import io.heliograph.tl.api.HelpGetConfig;
import io.heliograph.tl.api.HelpGetNearestDc;
import io.heliograph.tl.api.InitConnection;
import io.heliograph.tl.api.InvokeAfterMsg;
import io.heliograph.tl.api.InvokeAfterMsgs;
import io.heliograph.tl.api.InvokeWithLayer;
import io.heliograph.tl.api.InvokeWithoutUpdates;
import io.heliograph.tl.layer.LayerCodec;
import io.heliograph.tl.layer.Layers;
import io.heliograph.tl.mtproto.BadMsgNotification;
import io.heliograph.tl.mtproto.BadServerSalt;
import io.heliograph.tl.mtproto.BindAuthKeyInner;
import io.heliograph.tl.mtproto.DestroyAuthKey;
import io.heliograph.tl.mtproto.DestroyAuthKeyOk;
import io.heliograph.tl.mtproto.DestroySession;
import io.heliograph.tl.mtproto.DestroySessionNone;
import io.heliograph.tl.mtproto.DestroySessionOk;
import io.heliograph.tl.mtproto.FutureSalt;
import io.heliograph.tl.mtproto.FutureSalts;
import io.heliograph.tl.mtproto.GetFutureSalts;
import io.heliograph.tl.mtproto.MsgDetailedInfo;
import io.heliograph.tl.mtproto.MsgResendReq;
import io.heliograph.tl.mtproto.MsgsAck;
import io.heliograph.tl.mtproto.MsgsStateInfo;
import io.heliograph.tl.mtproto.MsgsStateReq;
import io.heliograph.tl.mtproto.MtprotoRegistry;
import io.heliograph.tl.mtproto.NewSessionCreated;
import io.heliograph.tl.mtproto.Ping;
import io.heliograph.tl.mtproto.PingDelayDisconnect;
import io.heliograph.tl.mtproto.Pong;
import io.heliograph.tl.mtproto.RpcAnswerUnknown;
import io.heliograph.tl.mtproto.RpcDropAnswer;
import io.heliograph.tl.mtproto.RpcError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MTProto server side of one connection, above the transport: unencrypted handshake messages go to an
 * {@link AuthKeyExchange}; encrypted ones are checked (auth key, msg_key, salt, msg_id), unpacked (containers,
 * gzip) and either answered by the session layer (ping, salts, acks, state requests, destroy_session) or handed to
 * the {@link RpcHandler} in the newest layer, with results written back in the client's layer.
 *
 * @see <a href="https://core.telegram.org/mtproto/service_messages">Service messages</a>
 */
public final class MtprotoServerHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(MtprotoServerHandler.class);
    /** Marks a layer in which a pushed object has no form. */
    private static final byte[] NO_FORM = new byte[0];
    private static final int MSG_CONTAINER = 0x73f1f8dc;
    private static final int GZIP_PACKED = 0x3072cfa1;
    private static final int RPC_RESULT = 0xf35c6d01;
    private static final int MAX_CONTAINER = 1024;
    private static final int MAX_UNPACKED = 16 << 20;
    /** Frames a connection may send while its key is looked up (reading stops at once; these were already read). */
    private static final int MAX_HELD = 64;
    /** Results this large travel as gzip_packed when that makes them smaller. */
    private static final int GZIP_THRESHOLD = 1024;

    /** What every connection of a server shares. */
    public record Context(KeyPair rsaKey, AuthKeyStore keys, SessionRegistry sessions, RpcHandler rpc, Clock clock,
            SecureRandom random, SessionEvents events) {

        public Context(KeyPair rsaKey, AuthKeyStore keys, SessionRegistry sessions, RpcHandler rpc, Clock clock,
                SecureRandom random) {
            this(rsaKey, keys, sessions, rpc, clock, random, SessionEvents.NONE);
        }
    }

    /** A frame read while an auth key lookup or registration was pending, kept to be handled in order. */
    private record Held(byte[] packet, boolean quickAck) {
    }

    private final Context ctx;
    private final MessageIds plainIds;
    private AuthKeyExchange exchange;
    private boolean http;
    private io.netty.util.concurrent.ScheduledFuture<?> disconnect;
    /** Non-null while the connection waits for the key store: frames read meanwhile queue here. */
    private java.util.ArrayDeque<Held> held;
    /** The key the last lookup loaded, in case the store does not keep it locally. */
    private AuthKeyStore.Entry loaded;
    /** Sessions whose connection this is (usually one). */
    private final java.util.Set<ServerSession> attached = new java.util.HashSet<>(2);

    public MtprotoServerHandler(Context ctx) {
        this.ctx = ctx;
        this.plainIds = new MessageIds(ctx.clock());
    }

    @Override
    public void channelRead(ChannelHandlerContext channel, Object msg) {
        if (!(msg instanceof InboundFrame frame)) {
            channel.fireChannelRead(msg);
            return;
        }
        byte[] packet;
        boolean quickAck = frame.quickAckRequested();
        try {
            ByteBuf payload = frame.payload();
            packet = new byte[payload.readableBytes()];
            payload.readBytes(packet);
        } finally {
            frame.release();
        }
        if (held != null) {
            if (held.size() >= MAX_HELD) {
                fail(channel, "more than " + MAX_HELD + " frames while its auth key was being looked up");
                return;
            }
            held.addLast(new Held(packet, quickAck));
            return;
        }
        handlePacket(channel, packet, quickAck);
    }

    private void handlePacket(ChannelHandlerContext channel, byte[] packet, boolean quickAck) {
        if (packet.length < 8) {
            fail(channel, "packet shorter than an auth key id");
            return;
        }
        long authKeyId = (packet[0] & 0xffL) | (packet[1] & 0xffL) << 8 | (packet[2] & 0xffL) << 16 | (packet[3] & 0xffL) << 24
                | (packet[4] & 0xffL) << 32 | (packet[5] & 0xffL) << 40 | (packet[6] & 0xffL) << 48 | (packet[7] & 0xffL) << 56;
        if (authKeyId == 0) {
            handlePlain(channel, packet);
            return;
        }
        AuthKeyStore.Entry entry = loaded != null && loaded.key().id() == authKeyId ? loaded : ctx.keys().get(authKeyId);
        if (entry != null) {
            handleEncrypted(channel, authKeyId, packet, quickAck, entry);
            return;
        }
        // not held locally: ask the store (another instance may have registered it) and read nothing meanwhile
        hold(channel, ctx.keys().load(authKeyId).thenApply(found -> {
            loaded = found;
            return found;
        }), found -> {
            if (found == null) {
                channel.writeAndFlush(new TransportError(-404)).addListener(ChannelFutureListener.CLOSE);
                return false;
            }
            handleEncrypted(channel, authKeyId, packet, quickAck, found);
            return true;
        });
    }

    /**
     * Stops reading until {@code stage} completes, then runs {@code then} on the event loop and handles the frames read
     * meanwhile in order (unless {@code then} returns false: the connection is being closed). A failed stage closes
     * the connection after logging, without a transport error: the client can only retry, and must keep its key.
     */
    private <T> void hold(ChannelHandlerContext channel, java.util.concurrent.CompletionStage<T> stage,
            java.util.function.Function<T, Boolean> then) {
        held = new java.util.ArrayDeque<>();
        channel.channel().config().setAutoRead(false);
        stage.whenComplete((value, error) -> onLoop(channel, () -> {
            java.util.ArrayDeque<Held> queued = held;
            held = null;
            boolean go;
            if (error != null) {
                // not -404: that tells the client its key is unknown, and clients then drop it. A plain close makes
                // it connect again and retry with the same key once the store answers.
                log.warn("auth key store unavailable, closing {}: {}", channel.channel().remoteAddress(), error.toString());
                channel.close();
                go = false;
            } else {
                go = then.apply(value);
            }
            if (!go || !channel.channel().isActive()) {
                return;
            }
            while (held == null && !queued.isEmpty()) {
                Held h = queued.removeFirst();
                handlePacket(channel, h.packet(), h.quickAck());
            }
            if (held != null) {
                held.addAll(queued); // another wait began: keep the rest behind it
            } else {
                channel.channel().config().setAutoRead(true);
                channel.read();
            }
        }));
    }

    // ---- unencrypted: key exchange ---------------------------------------------------------------------------

    private void handlePlain(ChannelHandlerContext channel, byte[] packet) {
        if (packet.length < 20) {
            fail(channel, "unencrypted message too short");
            return;
        }
        TlReader r = new TlReader(packet, 8, packet.length - 8);
        r.readLong(); // the client's msg_id
        int length = r.readInt();
        // padded intermediate delivers the client's 0..15 padding bytes after the message (see InboundFrame)
        if (length < 0 || length > r.remaining() || r.remaining() - length > 15) {
            fail(channel, "unencrypted message length mismatch");
            return;
        }
        byte[] body = r.readRaw(length);
        if (exchange == null) {
            exchange = new AuthKeyExchange(ctx.rsaKey(), ctx.random(), ctx.clock(), id -> ctx.keys().get(id) != null);
        }
        var step = exchange.handle(body);
        if (step.isEmpty()) {
            fail(channel, "invalid key exchange request: " + exchange.failure());
            return;
        }
        byte[] answer = step.get().answer().toBytes();
        TlWriter w = new TlWriter(20 + answer.length);
        w.writeLong(0).writeLong(plainIds.next(true)).writeInt(answer.length).writeRaw(answer);
        var done = step.get().completed();
        if (done == null) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(w.toByteArray()));
            return;
        }
        // dh_gen_ok goes out only once the key is registered: the client may use it on any instance at once
        long expiresAt = done.temporary() ? ctx.clock().millis() / 1000 + done.expiresInSeconds() : 0;
        AuthKeyStore.Entry entry = new AuthKeyStore.Entry(done.authKey(), done.temporary(), expiresAt, done.dc());
        hold(channel, ctx.keys().register(entry), ignored -> {
            ctx.sessions().salts().handshake(done.authKey().id(), done.serverSalt());
            channel.writeAndFlush(Unpooled.wrappedBuffer(w.toByteArray()));
            ctx.events().authKeyCreated(entry);
            log.debug("auth key {} created ({})", done.authKey().id(), done.temporary() ? "temporary" : "permanent");
            return true;
        });
    }

    // ---- encrypted -------------------------------------------------------------------------------------------

    private void handleEncrypted(ChannelHandlerContext channel, long authKeyId, byte[] packet, boolean quickAck,
            AuthKeyStore.Entry entry) {
        if ((entry.temporary() && entry.expiresAt() < ctx.clock().millis() / 1000)) {
            channel.writeAndFlush(new TransportError(-404)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        AuthKey key = entry.key();
        // the ciphertext is whole AES blocks: what follows them is padded intermediate padding (see InboundFrame)
        int usable = packet.length - Math.floorMod(packet.length - PacketCipher.PREFIX_LENGTH, 16);
        PacketCipher.Result result = PacketCipher.decryptFromClient(key, packet, 0, usable);
        if (!(result instanceof PacketCipher.Decrypted d)) {
            // every failure before or at msg_key answers alike
            channel.writeAndFlush(new TransportError(-404)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        byte[] plain = d.plaintext();
        if (quickAck) {
            channel.writeAndFlush(new QuickAck(MessageKeys.quickAckToken(key, plain, 0, plain.length)));
        }
        long salt = d.salt();
        long sessionId = d.sessionId();
        long msgId = d.messageId();
        int seqNo = d.seqNo();
        byte[] body = java.util.Arrays.copyOfRange(plain, 32, 32 + d.messageDataLength());
        Outbox out = new Outbox(channel, key, sessionId);
        out.entry = entry;
        ServerSession session = ctx.sessions().find(authKeyId, sessionId);
        if (!checkMsgId(out, msgId, seqNo)) {
            out.flush();
            return;
        }
        long currentSalt = ctx.sessions().salts().current(authKeyId);
        if (!ctx.sessions().salts().valid(authKeyId, salt)) {
            out.send(new BadServerSalt(msgId, seqNo, 48, currentSalt), false, true);
            out.flush();
            return;
        }
        if (session == null) {
            session = ctx.sessions().create(key, sessionId, evicted -> {
                attached.remove(evicted);
                io.netty.channel.Channel was = evicted.channel();
                ctx.events().removed(evicted);
                if (was != null && was != channel.channel()) {
                    was.close(); // its client is told by the closed connection; a session on this one ends quietly
                }
            });
            AuthKeyStore.Connection known = ctx.keys().connection(authKeyId);
            if (known != null && session.client() == ClientInfo.UNKNOWN) {
                // a client that said initConnection before (here or on another instance) needs not say it again
                session.layer(known.layer());
                session.client(known.client());
            }
            out.session = session;
            out.send(new NewSessionCreated(msgId, ctx.random().nextLong(), currentSalt), true, false);
        }
        out.session = session;
        session.seen();
        if (session.channel() != channel.channel()) {
            if (session.attach(channel.channel())) {
                for (ServerSession.Pending p : session.unacked()) {
                    out.resend(p); // sessions outlive connections: what the client has not acknowledged is sent again
                }
            }
            for (byte[] push : session.drainParked()) {
                out.sendRaw(push, true, false);
            }
            attached.add(session);
            ctx.events().online(session, entry);
        }
        try {
            process(out, msgId, seqNo, body, true, false);
        } catch (TlDecodeException e) {
            log.debug("undecodable message {} on auth key {}: {}", msgId, authKeyId, e.getMessage());
            out.sendRpcError(msgId, 400, "INPUT_METHOD_INVALID");
        }
        out.flush();
        if (out.destroyKey) {
            ctx.keys().remove(authKeyId);
            for (ServerSession gone : ctx.sessions().removeAll(authKeyId)) {
                attached.remove(gone);
                ctx.events().removed(gone);
            }
            channel.close();
            log.debug("auth key {} destroyed at the client's request", authKeyId);
        }
    }

    /** bad_msg_notification 16/17 (time), 18 (not divisible by 4); true when the message may be processed. */
    private boolean checkMsgId(Outbox out, long msgId, int seqNo) {
        int code = 0;
        long now = ctx.clock().millis() / 1000;
        if ((msgId & 3) != 0) {
            code = 18;
        } else if (MessageIds.seconds(msgId) < now - 300) {
            code = 16;
        } else if (MessageIds.seconds(msgId) > now + 30) {
            code = 17;
        }
        if (code != 0) {
            out.send(new BadMsgNotification(msgId, seqNo, code), false, true);
            return false;
        }
        return true;
    }

    private void process(Outbox out, long msgId, int seqNo, byte[] body, boolean topLevel, boolean gzipped) {
        if (body.length < 4) {
            throw new TlDecodeException("empty message body");
        }
        int id = new TlReader(body).readInt();
        if (id == MSG_CONTAINER) {
            List<long[]> heads = new ArrayList<>();
            List<byte[]> bodies = new ArrayList<>();
            try {
                if (!topLevel) {
                    throw new TlDecodeException("nested container");
                }
                TlReader r = new TlReader(body, 4, body.length - 4);
                int n = r.readBareVectorCount(MAX_CONTAINER, 16);
                for (int i = 0; i < n; i++) {
                    long innerId = r.readLong();
                    int innerSeq = r.readInt();
                    int len = r.readInt();
                    if (len < 0 || len % 4 != 0) {
                        throw new TlDecodeException("bad contained message length " + len);
                    }
                    byte[] inner = r.readRaw(len);
                    if (innerId >= msgId) {
                        throw new TlDecodeException("container id must exceed its contents");
                    }
                    heads.add(new long[] {innerId, innerSeq});
                    bodies.add(inner);
                }
                if (r.hasRemaining()) {
                    throw new TlDecodeException("bytes after the container's messages");
                }
            } catch (TlDecodeException e) {
                out.send(new BadMsgNotification(msgId, seqNo, 64), false, true); // invalid container
                return;
            }
            if (out.session.receive(msgId, -1) < 0) {
                out.send(new BadMsgNotification(msgId, seqNo, 19), false, true); // container id already used
                return;
            }
            for (int i = 0; i < bodies.size(); i++) {
                process(out, heads.get(i)[0], (int) heads.get(i)[1], bodies.get(i), false, false);
            }
            return;
        }
        if (id == GZIP_PACKED) {
            TlReader r = new TlReader(body, 4, body.length - 4);
            if (gzipped) {
                // each level would recurse (a stack overflow in a few hundred KB) and unpack again
                throw new TlDecodeException("gzip_packed inside gzip_packed");
            }
            process(out, msgId, seqNo, gunzip(r.readBytes(), out), topLevel, true);
            return;
        }
        int seen = out.session.receive(msgId, seqNo);
        if (seen < 0) {
            // a repeated message is not processed again; if its answer is still unacknowledged it is sent again
            ServerSession.Pending answer = out.session.answerTo(msgId);
            long[] info = out.session.answerInfo(msgId);
            if (answer != null) {
                out.resend(answer);
            } else if (info != null) {
                // the answer was delivered and acknowledged: tell the client where it was
                out.send(new MsgDetailedInfo(msgId, info[0], (int) info[1], 0), false, true);
            }
            return;
        }
        if (seen > 0) {
            out.send(new BadMsgNotification(msgId, seqNo, seen), false, true);
            return;
        }
        boolean service = MtprotoRegistry.name(id) != null;
        // an API call with an even seqno is refused (35: odd expected); an acknowledgement with an odd one is accepted,
        // as mtcute sends them so and Telegram's servers take them
        if (!service && (seqNo & 1) == 0) {
            log.debug("even seqno {} for content message {} ({})", seqNo, msgId, Integer.toHexString(id));
            out.send(new BadMsgNotification(msgId, seqNo, 35), false, true);
            return;
        }
        if ((seqNo & 1) == 1) {
            out.ack(msgId);
        }
        if (service) {
            serviceMessage(out, msgId, MtprotoRegistry.read(new TlReader(body)));
            return;
        }
        apiCall(out, msgId, body);
    }

    private void serviceMessage(Outbox out, long msgId, TlObject m) {
        long now = ctx.clock().millis() / 1000;
        if (m instanceof Ping p) {
            out.send(new Pong(msgId, p.pingId()), true, true);
        } else if (m instanceof PingDelayDisconnect p) {
            out.send(new Pong(msgId, p.pingId()), true, true);
            scheduleDisconnect(out.channel, p.disconnectDelay());
        } else if (m instanceof GetFutureSalts g) {
            List<FutureSalt> list = ctx.sessions().salts().future(out.key.id(), g.num());
            // future_salts carries req_msg_id itself and is sent as is, not inside rpc_result
            out.send(new FutureSalts(msgId, (int) now, list), true, true);
        } else if (m instanceof MsgsStateReq req) {
            byte[] info = new byte[req.msgIds().size()];
            for (int i = 0; i < info.length; i++) {
                info[i] = (byte) out.session.state(req.msgIds().get(i), now);
            }
            out.send(new MsgsStateInfo(msgId, info), false, true);
        } else if (m instanceof MsgsAck ack) {
            out.session.acked(ack.msgIds());
        } else if (m instanceof MsgResendReq req) {
            for (long id : req.msgIds()) {
                ServerSession.Pending p = out.session.pending(id);
                if (p != null) {
                    out.resend(p);
                }
            }
        } else if (m instanceof DestroySession ds) {
            ServerSession gone = ctx.sessions().destroy(out.key.id(), ds.sessionId());
            boolean existed = gone != null;
            if (gone != null) {
                attached.remove(gone);
                ctx.events().removed(gone);
            }
            out.send(existed ? new DestroySessionOk(ds.sessionId()) : new DestroySessionNone(ds.sessionId()), true, true);
        } else if (m instanceof io.heliograph.tl.mtproto.HttpWait wait) {
            if (http) {
                out.channel.write(new io.heliograph.mtproto.transport.LongPoll(Math.max(0, wait.maxWait())));
            }
        } else if (m instanceof DestroyAuthKey) {
            // answered under the key itself, then the key is forgotten and the connection closed
            out.send(new DestroyAuthKeyOk(), true, true);
            out.destroyKey = true;
        } else if (m instanceof RpcDropAnswer drop) {
            // a running call cannot be recalled; a kept answer is dropped instead of being sent again
            long req = drop.reqMsgId();
            ServerSession.Pending kept = out.session.answerTo(req);
            TlObject answer;
            if (out.session.isRunning(req)) {
                answer = new io.heliograph.tl.mtproto.RpcAnswerDroppedRunning();
            } else if (kept != null) {
                out.session.acked(List.of(kept.msgId()));
                answer = new io.heliograph.tl.mtproto.RpcAnswerDropped(kept.msgId(), kept.seqNo(), kept.body().length);
            } else {
                answer = new RpcAnswerUnknown();
            }
            out.sendRpcResult(msgId, answer.toBytes());
        } else {
            log.debug("ignored service message {}", m.tlName());
        }
    }

    /** ping_delay_disconnect: close this connection unless another such ping arrives within the delay. */
    private void scheduleDisconnect(ChannelHandlerContext channel, int delaySeconds) {
        if (disconnect != null) {
            disconnect.cancel(false);
        }
        if (delaySeconds > 0) {
            disconnect = channel.executor().schedule(() -> {
                channel.close();
            }, delaySeconds, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private void apiCall(Outbox out, long msgId, byte[] body) {
        ServerSession session = out.session;
        TlReader r = new TlReader(body);
        TlObject call;
        int layer = session.layer();
        int first = new TlReader(body).readInt();
        if (first == InvokeWithLayer.CONSTRUCTOR_ID) {
            r.readInt();
            layer = r.readInt();
            session.layer(layer);
            call = Layers.forClient(layer).read(r);
        } else {
            call = Layers.forClient(layer).read(r);
        }
        List<Long> after = new ArrayList<>();
        while (true) {
            if (call instanceof InitConnection<?> init) {
                session.client(new ClientInfo(init.apiId(), init.deviceModel(), init.systemVersion(), init.appVersion(),
                        init.systemLangCode(), init.langPack(), init.langCode()));
                call = init.query();
            } else if (call instanceof InvokeWithLayer<?> inv) {
                session.layer(inv.layer());
                call = inv.query();
            } else if (call instanceof InvokeWithoutUpdates<?> inv) {
                call = inv.query();
            } else if (call instanceof InvokeAfterMsg<?> inv) {
                after.add(inv.msgId());
                call = inv.query();
            } else if (call instanceof InvokeAfterMsgs<?> inv) {
                after.addAll(inv.msgIds());
                call = inv.query();
            } else {
                break;
            }
        }
        if (!(call instanceof TlFunction<?> fn)) {
            out.sendRpcError(msgId, 400, "INPUT_METHOD_INVALID");
            return;
        }
        LayerCodec codec = Layers.forClient(session.layer());
        if (fn instanceof AuthBindTempAuthKey bind) {
            bindTempKey(out, msgId, bind);
            return;
        }
        if (out.entry.permKeyId() == 0 && !(fn instanceof HelpGetConfig) && !(fn instanceof HelpGetNearestDc)) {
            // an unbound temporary key may only bind itself and read the configuration (PFS)
            out.sendRpcError(msgId, 401, "AUTH_KEY_PERM_EMPTY");
            return;
        }
        RpcCall rpc = new RpcCall(out.key.id(), out.entry.permKeyId(), session.sessionId(), msgId, session.layer(),
                session.client(), fn, clientIp(out.channel));
        java.util.concurrent.CompletableFuture<Void> running = session.started(msgId);
        // answers leave in the order their calls arrived, whichever finishes first
        java.util.concurrent.CompletableFuture<Void> queued = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Void> before = session.chainAnswer(queued);
        java.util.concurrent.CompletionStage<TlObject> pending = session.after(after).thenCompose(ignored -> {
            try {
                return ctx.rpc().handle(rpc);
            } catch (RuntimeException e) {
                return java.util.concurrent.CompletableFuture.failedFuture(e);
            }
        });
        pending.whenComplete((result, error) -> before.whenComplete((i, j) -> onLoop(out.channel, () -> {
            Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            Outbox async = new Outbox(out.channel, out.key, out.sessionId);
            async.session = session;
            async.entry = out.entry;
            if (e instanceof RpcException re) {
                async.sendRpcError(msgId, re.code(), re.type());
            } else if (e != null) {
                log.warn("{} failed", fn.tlName(), e);
                async.sendRpcError(msgId, 500, "INTERNAL");
            } else {
                try {
                    async.sendRpcResult(msgId, result instanceof RpcValue v ? v.toBytes(codec) : codec.toBytes(result));
                } catch (TlDecodeException mismatch) {
                    async.sendRpcError(msgId, 500, "LAYER_MISMATCH");
                }
            }
            async.flush();
            queued.complete(null);
            running.complete(null);
        })));
    }

    private static void onLoop(ChannelHandlerContext channel, Runnable task) {
        if (channel.executor().inEventLoop()) {
            task.run();
        } else {
            channel.executor().execute(task);
        }
    }

    private static String clientIp(ChannelHandlerContext channel) {
        return channel.channel().remoteAddress() instanceof java.net.InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : "";
    }

    /**
     * {@code auth.bindTempAuthKey}: the encrypted message must decrypt with the permanent key (MTProto 2.0, client to
     * server), carry this request's msg_id, and hold a {@code bind_auth_key_inner} naming this temporary key, this
     * session, the nonce and the expiry of the request.
     *
     * @see <a href="https://core.telegram.org/api/pfs">Perfect Forward Secrecy</a>
     */
    private void bindTempKey(Outbox out, long msgId, AuthBindTempAuthKey bind) {
        AuthKeyStore.Entry temp = out.entry;
        AuthKeyStore.Entry perm = ctx.keys().get(bind.permAuthKeyId());
        if (!temp.temporary()) {
            out.sendRpcError(msgId, 400, "TEMP_AUTH_KEY_EMPTY");
            return;
        }
        if (perm == null || perm.temporary()) {
            out.sendRpcError(msgId, 400, "PERM_AUTH_KEY_INVALID");
            return;
        }
        byte[] encrypted = bind.encryptedMessage();
        PacketCipher.Result r = PacketCipher.decrypt(perm.key(), 0, encrypted, 0, encrypted.length);
        if (!(r instanceof PacketCipher.Decrypted d) || d.messageId() != msgId || d.seqNo() != 0) {
            out.sendRpcError(msgId, 400, "ENCRYPTED_MESSAGE_INVALID");
            return;
        }
        BindAuthKeyInner inner;
        try {
            inner = MtprotoRegistry.readBoxed(new TlReader(d.plaintext(), 32, d.messageDataLength()), BindAuthKeyInner.class);
        } catch (TlDecodeException e) {
            out.sendRpcError(msgId, 400, "ENCRYPTED_MESSAGE_INVALID");
            return;
        }
        if (inner.nonce() != bind.nonce() || inner.tempAuthKeyId() != temp.key().id()
                || inner.permAuthKeyId() != bind.permAuthKeyId() || inner.tempSessionId() != out.sessionId
                || inner.expiresAt() != bind.expiresAt()) {
            out.sendRpcError(msgId, 400, "ENCRYPTED_MESSAGE_INVALID");
            return;
        }
        AuthKeyStore.Entry bound = temp.boundTo(perm.key().id());
        out.entry = bound;
        loaded = bound;
        ServerSession session = out.session;
        ctx.keys().register(bound).whenComplete((v, error) -> onLoop(out.channel, () -> {
            Outbox async = new Outbox(out.channel, out.key, out.sessionId);
            async.session = session;
            async.entry = bound;
            if (error != null) {
                log.warn("binding temporary key {} failed: {}", temp.key().id(), error.toString());
                async.sendRpcError(msgId, 500, "INTERNAL");
            } else {
                async.sendRpcResult(msgId, new TlWriter(4).writeBool(true).toByteArray());
            }
            async.flush();
        }));
    }

    /** Unpacks within what is left of the packet's budget: all gzip_packed of one packet together get MAX_UNPACKED. */
    private static byte[] gunzip(byte[] packed, Outbox budget) {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(packed))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(packed.length * 4, budget.unpackable));
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > budget.unpackable) {
                    throw new TlDecodeException("gzip_packed of one packet expand beyond " + MAX_UNPACKED + " bytes");
                }
                out.write(buf, 0, n);
            }
            budget.unpackable -= out.size();
            return out.toByteArray();
        } catch (IOException e) {
            throw new TlDecodeException("invalid gzip_packed data: " + e.getMessage());
        }
    }

    private static byte[] gzipPacked(byte[] object) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(object.length / 2 + 64);
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
            gz.write(object);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new TlWriter(bytes.size() + 8).writeInt(GZIP_PACKED).writeBytes(bytes.toByteArray()).toByteArray();
    }

    private void fail(ChannelHandlerContext channel, String why) {
        log.debug("closing {}: {}", channel.channel().remoteAddress(), why);
        channel.writeAndFlush(new TransportError(-404)).addListener(ChannelFutureListener.CLOSE);
    }

    /** Outgoing encrypted messages of one session, written together. */
    private final class Outbox {

        private final ChannelHandlerContext channel;
        private final AuthKey key;
        private final long sessionId;
        private ServerSession session;
        private AuthKeyStore.Entry entry;
        private final List<Long> acks = new ArrayList<>();
        private final List<ServerSession.Pending> queued = new ArrayList<>();
        private boolean destroyKey;
        /** What gzip_packed messages of this packet may still unpack to (see gunzip). */
        private int unpackable = MAX_UNPACKED;

        Outbox(ChannelHandlerContext channel, AuthKey key, long sessionId) {
            this.channel = channel;
            this.key = key;
            this.sessionId = sessionId;
        }

        void ack(long msgId) {
            acks.add(msgId);
        }

        void sendRpcResult(long reqMsgId, byte[] result) {
            byte[] packed = result.length >= GZIP_THRESHOLD ? gzipPacked(result) : null;
            byte[] payload = packed != null && packed.length < result.length ? packed : result;
            TlWriter w = new TlWriter(12 + payload.length);
            w.writeInt(RPC_RESULT).writeLong(reqMsgId).writeRaw(payload);
            byte[] body = w.toByteArray();
            long answerId = sendRaw(body, true, true);
            if (session != null) {
                session.answered(reqMsgId, answerId, body.length);
            }
        }

        void sendRpcError(long reqMsgId, int code, String type) {
            sendRpcResult(reqMsgId, new RpcError(code, type.getBytes(StandardCharsets.UTF_8)).toBytes());
        }

        void send(TlObject obj, boolean content, boolean response) {
            sendRaw(obj.toBytes(), content, response);
        }

        long sendRaw(byte[] body, boolean content, boolean response) {
            long msgId = session != null ? session.nextMsgId(response) : plainIds.next(response);
            int seqNo = session != null ? session.nextSeqNo(content) : (content ? 1 : 0);
            if (content && session != null) {
                session.sent(new ServerSession.Pending(msgId, seqNo, body));
            }
            write(msgId, seqNo, body);
            return msgId;
        }

        /** Sends a kept message again with its own msg_id and seqno (the client drops it if it already has it). */
        void resend(ServerSession.Pending p) {
            write(p.msgId(), p.seqNo(), p.body());
        }

        private void write(long msgId, int seqNo, byte[] body) {
            queued.add(new ServerSession.Pending(msgId, seqNo, body));
        }

        /** The session's current connection: an answer computed after a reconnect goes to the new one. */
        private io.netty.channel.Channel target() {
            io.netty.channel.Channel current = session != null ? session.channel() : null;
            return current != null ? current : channel.channel();
        }

        /**
         * Writes what was queued: one message alone, several inside {@code msg_container}s (up to 1024 messages or
         * 512 KiB each), so a burst of answers costs one encryption and one frame.
         */
        void flush() {
            if (!acks.isEmpty()) {
                send(new MsgsAck(List.copyOf(acks)), false, false);
                acks.clear();
            }
            if (queued.isEmpty()) {
                return;
            }
            io.netty.channel.Channel out = target();
            int i = 0;
            while (i < queued.size()) {
                int j = i;
                int bytes = 0;
                while (j < queued.size() && j - i < MAX_CONTAINER && (j == i || bytes + queued.get(j).body().length < 512 * 1024)) {
                    bytes += queued.get(j).body().length + 16;
                    j++;
                }
                if (j - i == 1) {
                    ServerSession.Pending p = queued.get(i);
                    out.write(Unpooled.wrappedBuffer(encrypt(p.msgId(), p.seqNo(), p.body())));
                } else {
                    TlWriter c = new TlWriter(8 + bytes);
                    c.writeInt(MSG_CONTAINER).writeInt(j - i);
                    for (int k = i; k < j; k++) {
                        ServerSession.Pending p = queued.get(k);
                        c.writeLong(p.msgId()).writeInt(p.seqNo()).writeInt(p.body().length).writeRaw(p.body());
                    }
                    long containerId = session != null ? session.nextMsgId(false) : plainIds.next(false);
                    int containerSeq = session != null ? session.nextSeqNo(false) : 0;
                    out.write(Unpooled.wrappedBuffer(encrypt(containerId, containerSeq, c.toByteArray())));
                }
                i = j;
            }
            queued.clear();
            out.flush();
        }

        private byte[] encrypt(long msgId, int seqNo, byte[] body) {
            return MtprotoServerHandler.encrypt(ctx, key, sessionId, msgId, seqNo, body);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext channel, Object evt) {
        if (evt instanceof io.heliograph.mtproto.transport.TransportDetectedEvent detected) {
            http = detected.kind() == io.heliograph.mtproto.transport.TransportKind.HTTP;
        }
        channel.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext channel) {
        if (disconnect != null) {
            disconnect.cancel(false);
        }
        for (ServerSession s : attached) {
            if (s.detach(channel.channel())) {
                ctx.events().offline(s);
            }
        }
        attached.clear();
        channel.fireChannelInactive();
    }

    /**
     * Pushes an object (e.g. {@code updates}) to a session as a content-related message in the session's layer: on its
     * connection now, or kept for its next one while it has none. Safe from any thread.
     *
     * @return false when the object has no form in the client's layer and was dropped
     */
    public static boolean push(Context ctx, ServerSession session, TlObject object) {
        return push(ctx, session, object, null);
    }

    /**
     * {@link #push(Context, ServerSession, TlObject)} of one object to many sessions: {@code bodies} (owned by the
     * caller's thread, null for none) keeps the object's bytes per layer, so a channel post to 100,000 sessions is
     * serialized once per layer rather than once per session. The bytes are shared and never changed.
     */
    public static boolean push(Context ctx, ServerSession session, TlObject object, Map<Integer, byte[]> bodies) {
        byte[] cached = bodies == null ? null : bodies.get(session.layer());
        if (cached == NO_FORM) {
            return false;
        }
        if (cached == null) {
            try {
                cached = Layers.forClient(session.layer()).toBytes(object);
            } catch (TlDecodeException e) {
                log.debug("{} has no form in layer {}: not pushed", object.tlName(), session.layer());
                if (bodies != null) {
                    bodies.put(session.layer(), NO_FORM);
                }
                return false;
            }
            if (bodies != null) {
                bodies.put(session.layer(), cached);
            }
        }
        byte[] body = cached;
        io.netty.channel.Channel channel = session.channel();
        if (channel == null || !channel.isActive()) {
            session.park(body);
            return true;
        }
        channel.eventLoop().execute(() -> {
            if (session.channel() != channel || !channel.isActive()) {
                session.park(body);
                return;
            }
            long msgId = session.nextMsgId(false);
            int seqNo = session.nextSeqNo(true);
            session.sent(new ServerSession.Pending(msgId, seqNo, body));
            channel.writeAndFlush(Unpooled.wrappedBuffer(encrypt(ctx, session.key(), session.sessionId(), msgId, seqNo, body)));
        });
        return true;
    }

    private static byte[] encrypt(Context ctx, AuthKey key, long sessionId, long msgId, int seqNo, byte[] body) {
        TlWriter w = new TlWriter(32 + body.length);
        w.writeLong(ctx.sessions().salts().current(key.id())).writeLong(sessionId).writeLong(msgId)
                .writeInt(seqNo).writeInt(body.length).writeRaw(body);
        return PacketCipher.encryptForClient(key, w.toByteArray(), ctx.random());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext channel, Throwable cause) {
        log.debug("connection error on {}", channel.channel().remoteAddress(), cause);
        channel.close();
    }
}
