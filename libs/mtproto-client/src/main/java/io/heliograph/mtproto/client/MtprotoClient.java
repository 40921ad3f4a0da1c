package io.heliograph.mtproto.client;

import io.heliograph.mtproto.client.MtprotoClientException.Reason;
import io.heliograph.mtproto.crypto.AuthKey;
import io.heliograph.mtproto.crypto.MessageKeys;
import io.heliograph.mtproto.crypto.PacketCipher;
import io.heliograph.mtproto.session.ClientInfo;
import io.heliograph.mtproto.session.RpcException;
import io.heliograph.mtproto.transport.InboundFrame;
import io.heliograph.tl.TlDecodeException;
import io.heliograph.tl.TlFunction;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.TlWriter;
import io.heliograph.tl.api.ApiRegistry;
import io.heliograph.tl.api.InitConnection;
import io.heliograph.tl.api.InvokeWithLayer;
import io.heliograph.tl.layer.LayerCodec;
import io.heliograph.tl.layer.Layers;
import io.heliograph.tl.mtproto.BadMsgNotification;
import io.heliograph.tl.mtproto.BadServerSalt;
import io.heliograph.tl.mtproto.MsgDetailedInfo;
import io.heliograph.tl.mtproto.MsgNewDetailedInfo;
import io.heliograph.tl.mtproto.MsgResendReq;
import io.heliograph.tl.mtproto.MsgsAck;
import io.heliograph.tl.mtproto.MtprotoRegistry;
import io.heliograph.tl.mtproto.NewSessionCreated;
import io.heliograph.tl.mtproto.Ping;
import io.heliograph.tl.mtproto.PingDelayDisconnect;
import io.heliograph.tl.mtproto.Pong;
import io.heliograph.tl.mtproto.RpcError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MTProto 2.0 client connection: the transport, the auth key exchange (unless a key is given), then one encrypted
 * session. {@link #call} sends an API function, the first one wrapped in {@code invokeWithLayer(initConnection(...))},
 * and completes with its result or an {@link RpcException} (code + type). The session layer corrects
 * {@code bad_server_salt} and time/seqno {@code bad_msg_notification}s by sending the message again, unpacks
 * containers and {@code gzip_packed}, acknowledges content messages, and hands everything that is not an answer to the
 * {@link PushListener}.
 *
 * <p>All state lives on the channel's event loop; methods may be called from any thread. Futures complete on the
 * event loop, so dependent stages must not block. Many clients share one {@link EventLoopGroup}.
 *
 * @see <a href="https://core.telegram.org/mtproto/description">MTProto Mobile Protocol</a>
 * @see <a href="https://core.telegram.org/mtproto/service_messages_about_messages">Service messages about messages</a>
 */
public final class MtprotoClient {

    private static final Logger log = LoggerFactory.getLogger(MtprotoClient.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MSG_CONTAINER = 0x73f1f8dc;
    private static final int GZIP_PACKED = 0x3072cfa1;
    private static final int RPC_RESULT = 0xf35c6d01;
    private static final int MAX_UNPACKED = 16 << 20;
    private static final int MAX_SENDS = 8;
    private static final int REMEMBERED_IDS = 32;
    /** An unencrypted message is at least 20 bytes; a shorter frame is a transport error code (plus padding). */
    private static final int MIN_MESSAGE = 20;

    private static EventLoopGroup defaultGroup;

    private final ClientOptions options;
    private final long sessionId;
    private final CompletableFuture<MtprotoClient> ready = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final LayerCodec codec;
    private volatile Channel channel;

    private volatile AuthKey authKey;
    private volatile long salt;
    private volatile long timeOffsetMillis;
    private long lastMsgId;
    private int contentSent;
    private boolean initConnectionSent;
    private final Map<Long, Pending> pending = new HashMap<>(4);
    private long[] acks = new long[4];
    private int ackCount;
    private final long[] recent = new long[REMEMBERED_IDS];
    private int recentNext;
    private Throwable closeCause;

    private MtprotoClient(ClientOptions options) {
        this.options = options;
        this.sessionId = options.sessionId().orElseGet(RANDOM::nextLong);
        this.authKey = options.authKey();
        this.salt = options.serverSalt();
        this.codec = options.layer() == ApiRegistry.LAYER ? null : Layers.forClient(options.layer());
    }

    /**
     * Connects, creates an auth key unless {@link ClientOptions#authKey()} is set, and completes when API calls can be
     * sent. On failure the connection is closed and the future fails with an {@link MtprotoClientException}.
     */
    public static CompletableFuture<MtprotoClient> connect(ClientOptions options) {
        if (options.authKey() == null && options.rsaKey() == null) {
            throw new IllegalArgumentException("either an auth key or the server's RSA key is needed");
        }
        MtprotoClient client = new MtprotoClient(options);
        EventLoopGroup group = options.eventLoopGroup() != null ? options.eventLoopGroup() : defaultEventLoopGroup();
        ChannelFuture connected = ClientPipeline.bootstrap(options, group, RANDOM, client.new Handler())
                .connect(options.address());
        client.channel = connected.channel();
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                client.failConnect(new MtprotoClientException(Reason.CONNECT_FAILED, 0,
                        "cannot connect to " + options.address() + ": " + f.cause(), f.cause()));
                client.closed.complete(null);
            }
        });
        return client.ready;
    }

    /**
     * Opens a connection that sends only {@code req_pq_multi} and completes on {@code resPQ}, then stays open and idle
     * until closed: the cheapest connection a server must hold, for load tests. Needs no RSA key.
     */
    public static CompletableFuture<Probe> probe(ClientOptions options) {
        return Probe.open(options, options.eventLoopGroup() != null ? options.eventLoopGroup() : defaultEventLoopGroup(),
                RANDOM);
    }

    /** A daemon NIO group with one thread per core, created on first use and shared by clients without a group. */
    public static synchronized EventLoopGroup defaultEventLoopGroup() {
        if (defaultGroup == null) {
            defaultGroup = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                    new DefaultThreadFactory("mtproto-client", true), NioIoHandler.newFactory());
        }
        return defaultGroup;
    }

    /** Sends an API function; the result is decoded in the client's layer. */
    public <R> CompletableFuture<R> call(TlFunction<R> function) {
        CompletableFuture<R> result = new CompletableFuture<>();
        onEventLoop(result, () -> {
            @SuppressWarnings("unchecked")
            CompletableFuture<Object> untyped = (CompletableFuture<Object>) result;
            submit(new Pending(function, encodeCall(function), untyped));
        });
        return result;
    }

    /** {@code ping}: completes with the server's {@code pong}. */
    public CompletableFuture<Pong> ping() {
        return service(new Ping(RANDOM.nextLong()));
    }

    /** {@code ping_delay_disconnect}: the server closes the connection unless another such ping comes within the delay. */
    public CompletableFuture<Pong> pingDelayDisconnect(int disconnectDelaySeconds) {
        return service(new PingDelayDisconnect(RANDOM.nextLong(), disconnectDelaySeconds));
    }

    private CompletableFuture<Pong> service(TlObject ping) {
        CompletableFuture<Pong> result = new CompletableFuture<>();
        onEventLoop(result, () -> {
            @SuppressWarnings("unchecked")
            CompletableFuture<Object> untyped = (CompletableFuture<Object>) (CompletableFuture<?>) result;
            submit(new Pending(null, ping.toBytes(), untyped));
        });
        return result;
    }

    public AuthKey authKey() {
        return authKey;
    }

    public long sessionId() {
        return sessionId;
    }

    /** The salt in use: the key exchange's, or the last one the server named. */
    public long serverSalt() {
        return salt;
    }

    /** The server's clock minus ours, in milliseconds, as learnt from the key exchange or bad_msg_notification 16/17. */
    public long timeOffsetMillis() {
        return timeOffsetMillis;
    }

    public ClientOptions options() {
        return options;
    }

    /** Options for a new connection that continues this session with the same key and salt. */
    public ClientOptions resumeOptions() {
        return options.toBuilder().authKey(authKey).serverSalt(salt).sessionId(sessionId).build();
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** Closes the connection; calls still waiting fail with {@link Reason#CLOSED}. */
    public CompletableFuture<Void> close() {
        channel.close();
        return closed;
    }

    /** Completes once the connection is closed, by either side. */
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    // ---- event loop ------------------------------------------------------------------------------------------

    private void onEventLoop(CompletableFuture<?> result, Runnable task) {
        Runnable guarded = () -> {
            if (!channel.isActive() || authKey == null) {
                result.completeExceptionally(closedException());
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        };
        if (channel.eventLoop().inEventLoop()) {
            guarded.run();
        } else {
            channel.eventLoop().execute(guarded);
        }
    }

    private MtprotoClientException closedException() {
        return new MtprotoClientException(Reason.CLOSED, 0, "the connection is closed", closeCause);
    }

    private byte[] encodeCall(TlFunction<?> function) {
        TlFunction<?> query = codec == null ? function : new Encoded(codec.toBytes(function));
        if (!initConnectionSent) {
            initConnectionSent = true;
            ClientInfo c = options.clientInfo();
            query = new InvokeWithLayer<>(options.layer(), new InitConnection<>(c.apiId(), c.deviceModel(),
                    c.systemVersion(), c.appVersion(), c.systemLangCode(), c.langPack(), c.langCode(), null, null, query));
        }
        return query.toBytes();
    }

    private void submit(Pending p) {
        p.msgId = sendEncrypted(p.body, true);
        pending.put(p.msgId, p);
        p.timeout = channel.eventLoop().schedule(() -> {
            if (pending.remove(p.msgId, p)) {
                p.future.completeExceptionally(new MtprotoClientException(Reason.TIMEOUT,
                        "no answer to " + p.name() + " within " + options.requestTimeout()));
            }
        }, options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void resend(long badMsgId) {
        Pending p = pending.remove(badMsgId);
        if (p == null) {
            return;
        }
        if (++p.sends > MAX_SENDS) {
            p.cancelTimeout();
            p.future.completeExceptionally(new MtprotoClientException(Reason.BAD_MESSAGE,
                    p.name() + " was refused " + MAX_SENDS + " times"));
            return;
        }
        p.msgId = sendEncrypted(p.body, true);
        pending.put(p.msgId, p);
    }

    private long nextMsgId() {
        long now = options.clock().millis() + timeOffsetMillis;
        long id = (now / 1000) << 32 | ((now % 1000) << 22 & 0xfffffffcL);
        if (id <= lastMsgId) {
            id = lastMsgId + 4;
        }
        lastMsgId = id;
        return id;
    }

    private long sendEncrypted(byte[] body, boolean contentRelated) {
        long msgId = nextMsgId();
        int seqNo = contentRelated ? 2 * contentSent++ + 1 : 2 * contentSent;
        TlWriter w = new TlWriter(PacketCipher.HEADER_LENGTH + body.length);
        w.writeLong(salt).writeLong(sessionId).writeLong(msgId).writeInt(seqNo).writeInt(body.length).writeRaw(body);
        byte[] packet = PacketCipher.encrypt(authKey, MessageKeys.CLIENT_TO_SERVER, w.toByteArray(), RANDOM);
        channel.writeAndFlush(Unpooled.wrappedBuffer(packet), channel.voidPromise());
        return msgId;
    }

    private void sendPlain(TlObject request) {
        byte[] body = request.toBytes();
        ByteBuf buf = channel.alloc().buffer(MIN_MESSAGE + body.length);
        buf.writeLongLE(0).writeLongLE(nextMsgId()).writeIntLE(body.length).writeBytes(body);
        channel.writeAndFlush(buf, channel.voidPromise());
    }

    private void failConnect(Throwable cause) {
        if (closeCause == null) {
            closeCause = cause;
        }
        ready.completeExceptionally(cause);
    }

    private void fail(Throwable cause) {
        failConnect(cause);
        channel.close();
    }

    // ---- inbound ---------------------------------------------------------------------------------------------

    private void onEncrypted(byte[] packet) {
        int usable = packet.length - Math.floorMod(packet.length - PacketCipher.PREFIX_LENGTH, 16);
        PacketCipher.Result result = PacketCipher.decrypt(authKey, MessageKeys.SERVER_TO_CLIENT, packet, 0, usable);
        if (!(result instanceof PacketCipher.Decrypted d)) {
            fail(new MtprotoClientException(Reason.BAD_PACKET, "packet rejected: " + ((PacketCipher.Rejected) result).reason()));
            return;
        }
        if (d.sessionId() != sessionId || (d.messageId() & 1) == 0) {
            fail(new MtprotoClientException(Reason.BAD_PACKET, "packet for another session or with a client msg_id"));
            return;
        }
        byte[] body = Arrays.copyOfRange(d.plaintext(), PacketCipher.HEADER_LENGTH,
                PacketCipher.HEADER_LENGTH + d.messageDataLength());
        try {
            onMessage(d.messageId(), d.seqNo(), body, true);
        } catch (TlDecodeException e) {
            log.debug("undecodable message from the server: {}", e.getMessage());
        }
        flushAcks();
    }

    private void onMessage(long msgId, int seqNo, byte[] body, boolean topLevel) {
        TlReader r = new TlReader(body);
        int id = r.readInt();
        if (id == MSG_CONTAINER && topLevel) {
            int n = r.readBareVectorCount(1024, 16);
            for (int i = 0; i < n; i++) {
                long innerId = r.readLong();
                int innerSeq = r.readInt();
                int length = r.readInt();
                onMessage(innerId, innerSeq, r.readRaw(length), false);
            }
            return;
        }
        if ((seqNo & 1) == 1) {
            ack(msgId);
        }
        if (seenBefore(msgId)) {
            return;
        }
        onObject(msgId, body);
    }

    private void onObject(long msgId, byte[] body) {
        TlReader r = new TlReader(body);
        int id = r.readInt();
        if (id == GZIP_PACKED) {
            onObject(msgId, gunzip(r.readBytes()));
        } else if (id == RPC_RESULT) {
            long reqMsgId = r.readLong();
            onResult(reqMsgId, r.readRaw(r.remaining()));
        } else if (MtprotoRegistry.name(id) != null) {
            onService(msgId, MtprotoRegistry.read(new TlReader(body)));
        } else {
            push(codec == null ? ApiRegistry.read(new TlReader(body)) : codec.read(new TlReader(body)));
        }
    }

    private void onResult(long reqMsgId, byte[] result) {
        Pending p = pending.remove(reqMsgId);
        if (p == null) {
            return;
        }
        p.cancelTimeout();
        try {
            TlReader r = new TlReader(result);
            int id = r.readInt();
            if (id == GZIP_PACKED) {
                result = gunzip(r.readBytes());
                id = new TlReader(result).readInt();
            }
            if (id == RpcError.CONSTRUCTOR_ID) {
                RpcError e = MtprotoRegistry.readBoxed(new TlReader(result), RpcError.class);
                p.future.completeExceptionally(new RpcException(e.errorCode(),
                        new String(e.errorMessage(), StandardCharsets.UTF_8)));
                return;
            }
            p.future.complete(decodeResult(p, result));
        } catch (TlDecodeException e) {
            p.future.completeExceptionally(new MtprotoClientException(Reason.UNDECODABLE, 0,
                    "the answer to " + p.name() + ": " + e.getMessage(), e));
        }
    }

    private Object decodeResult(Pending p, byte[] result) {
        if (p.function == null) {
            return MtprotoRegistry.read(new TlReader(result));
        }
        if (codec != null) {
            try {
                return codec.read(new TlReader(result));
            } catch (TlDecodeException notAnObject) {
                // a bare result (Bool, Vector<long>...) reads the same in every layer
            }
        }
        return p.function.readResult(new TlReader(result));
    }

    private void onService(long msgId, TlObject m) {
        if (m instanceof Pong pong) {
            Pending p = pending.remove(pong.msgId());
            if (p != null) {
                p.cancelTimeout();
                p.future.complete(pong);
            }
        } else if (m instanceof BadServerSalt bad) {
            salt = bad.newServerSalt();
            resend(bad.badMsgId());
        } else if (m instanceof BadMsgNotification bad) {
            onBadMsg(msgId, bad);
        } else if (m instanceof NewSessionCreated created) {
            salt = created.serverSalt();
            push(created);
        } else if (m instanceof MsgDetailedInfo info) {
            if (pending.containsKey(info.msgId())) {
                sendEncrypted(new MsgResendReq(List.of(info.answerMsgId())).toBytes(), false);
            } else {
                ack(info.answerMsgId());
            }
        } else if (m instanceof MsgNewDetailedInfo info) {
            ack(info.answerMsgId());
        } else if (!(m instanceof MsgsAck)) {
            log.debug("ignored {}", m.tlName());
        }
    }

    /** 16/17: adopt the server's clock (from its msg_id) and send again; 32/33: move the seqno as GramJS does. */
    private void onBadMsg(long serverMsgId, BadMsgNotification bad) {
        switch (bad.errorCode()) {
            case 16, 17 -> {
                long serverMillis = (serverMsgId >>> 32) * 1000 + ((serverMsgId & 0xffffffffL) * 1000 >>> 32);
                timeOffsetMillis = serverMillis - options.clock().millis();
                lastMsgId = 0;
                resend(bad.badMsgId());
            }
            case 32 -> {
                contentSent += 64;
                resend(bad.badMsgId());
            }
            case 33 -> {
                contentSent = Math.max(0, contentSent - 16);
                resend(bad.badMsgId());
            }
            default -> {
                Pending p = pending.remove(bad.badMsgId());
                if (p != null) {
                    p.cancelTimeout();
                    p.future.completeExceptionally(new MtprotoClientException(Reason.BAD_MESSAGE, bad.errorCode(),
                            "bad_msg_notification for " + p.name(), null));
                }
            }
        }
    }

    private void push(TlObject object) {
        try {
            options.pushListener().onPush(this, object);
        } catch (RuntimeException e) {
            log.warn("push listener failed on {}", object.tlName(), e);
        }
    }

    private void ack(long msgId) {
        if (ackCount == acks.length) {
            acks = Arrays.copyOf(acks, acks.length * 2);
        }
        acks[ackCount++] = msgId;
    }

    private void flushAcks() {
        if (ackCount == 0 || !channel.isActive()) {
            return;
        }
        List<Long> ids = new ArrayList<>(ackCount);
        for (int i = 0; i < ackCount; i++) {
            ids.add(acks[i]);
        }
        ackCount = 0;
        if (acks.length > 64) {
            acks = new long[4];
        }
        sendEncrypted(new MsgsAck(ids).toBytes(), false);
    }

    /** True for a msg_id among the last few received: a message sent again (e.g. after a reconnect) is handled once. */
    private boolean seenBefore(long msgId) {
        for (long id : recent) {
            if (id == msgId) {
                return true;
            }
        }
        recent[recentNext] = msgId;
        recentNext = (recentNext + 1) % recent.length;
        return false;
    }

    private static byte[] gunzip(byte[] packed) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(packed))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(packed.length * 4);
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > MAX_UNPACKED) {
                    throw new TlDecodeException("gzip_packed expands beyond " + MAX_UNPACKED + " bytes");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new TlDecodeException("invalid gzip_packed data: " + e.getMessage());
        }
    }

    /** A sent content message waiting for its answer; re-keyed when sent again under a new msg_id. */
    private static final class Pending {

        final TlFunction<?> function;
        final byte[] body;
        final CompletableFuture<Object> future;
        long msgId;
        int sends = 1;
        ScheduledFuture<?> timeout;

        Pending(TlFunction<?> function, byte[] body, CompletableFuture<Object> future) {
            this.function = function;
            this.body = body;
            this.future = future;
        }

        String name() {
            return function == null ? "ping" : function.tlName();
        }

        void cancelTimeout() {
            if (timeout != null) {
                timeout.cancel(false);
            }
        }
    }

    /** A function already written in the client's layer, to nest inside the newest layer's wrappers. */
    private record Encoded(byte[] bytes) implements TlFunction<Object> {

        @Override
        public Object readResult(TlReader r) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int constructorId() {
            return new TlReader(bytes).readInt();
        }

        @Override
        public String tlName() {
            return "encoded";
        }

        @Override
        public void serializeBare(TlWriter w) {
            w.writeRaw(bytes, 4, bytes.length - 4);
        }

        @Override
        public int serializedBareSize() {
            return bytes.length - 4;
        }
    }

    /** The connection's handler: key exchange on unencrypted messages, the session on encrypted ones. */
    private final class Handler extends ChannelInboundHandlerAdapter {

        private AuthKeyNegotiation negotiation;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            ctx.executor().schedule(() -> {
                if (!ready.isDone()) {
                    fail(new MtprotoClientException(Reason.TIMEOUT, "no session within " + options.handshakeTimeout()));
                }
            }, options.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == TransportReady.INSTANCE) {
                if (authKey != null) {
                    ready.complete(MtprotoClient.this);
                } else {
                    negotiation = new AuthKeyNegotiation(options.rsaKey(), options.dcId(),
                            options.temporaryKeyExpiresIn(), RANDOM, options.clock().millis());
                    sendPlain(negotiation.start());
                }
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof InboundFrame frame)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            byte[] packet;
            try {
                ByteBuf payload = frame.payload();
                packet = new byte[payload.readableBytes()];
                payload.readBytes(packet);
            } finally {
                frame.release();
            }
            try {
                if (packet.length < MIN_MESSAGE) {
                    int code = packet.length >= 4 ? (packet[0] & 0xff | (packet[1] & 0xff) << 8 | (packet[2] & 0xff) << 16
                            | packet[3] << 24) : 0;
                    fail(new MtprotoClientException(Reason.TRANSPORT_ERROR, code, "transport error from the server", null));
                } else if (PacketCipher.authKeyId(packet, 0) == 0) {
                    onPlain(packet);
                } else if (authKey != null && negotiation == null) {
                    onEncrypted(packet);
                } else {
                    fail(new MtprotoClientException(Reason.BAD_PACKET, "encrypted packet before the key exists"));
                }
            } catch (MtprotoClientException e) {
                fail(e);
            } catch (TlDecodeException | IllegalArgumentException | ArithmeticException e) {
                fail(new MtprotoClientException(Reason.HANDSHAKE_FAILED, 0, e.toString(), e));
            }
        }

        private void onPlain(byte[] packet) {
            if (negotiation == null) {
                throw new MtprotoClientException(Reason.BAD_PACKET, "unexpected unencrypted message");
            }
            TlReader r = new TlReader(packet, 16, packet.length - 16);
            int length = r.readInt();
            if (length < 0 || length > r.remaining()) {
                throw new MtprotoClientException(Reason.HANDSHAKE_FAILED, "unencrypted message length " + length);
            }
            TlObject answer = MtprotoRegistry.read(new TlReader(packet, MIN_MESSAGE, length));
            AuthKeyNegotiation.Step step = negotiation.handle(answer);
            if (step instanceof AuthKeyNegotiation.Send send) {
                sendPlain(send.request());
            } else if (step instanceof AuthKeyNegotiation.Done done) {
                negotiation = null;
                timeOffsetMillis = done.timeOffsetMillis();
                salt = done.serverSalt();
                authKey = done.authKey();
                ready.complete(MtprotoClient.this);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("connection {} failed", ctx.channel(), cause);
            fail(cause instanceof MtprotoClientException ? cause
                    : new MtprotoClientException(Reason.BAD_PACKET, 0, cause.toString(), cause));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            failConnect(new MtprotoClientException(Reason.CLOSED, 0, "connection closed during the handshake", closeCause));
            MtprotoClientException e = closeCause instanceof MtprotoClientException cause ? cause : closedException();
            for (Pending p : pending.values()) {
                p.cancelTimeout();
                p.future.completeExceptionally(e);
            }
            pending.clear();
            closed.complete(null);
            ctx.fireChannelInactive();
        }
    }
}
