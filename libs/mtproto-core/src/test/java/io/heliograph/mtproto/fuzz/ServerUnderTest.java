package io.heliograph.mtproto.fuzz;

import io.heliograph.mtproto.session.AuthKeyStore;
import io.heliograph.mtproto.session.MtprotoServerHandler;
import io.heliograph.mtproto.session.RpcException;
import io.heliograph.mtproto.session.RpcHandler;
import io.heliograph.mtproto.session.SessionRegistry;
import io.heliograph.mtproto.transport.TransportException;
import io.heliograph.mtproto.transport.TransportLimits;
import io.heliograph.mtproto.transport.Transports;
import io.heliograph.tl.TlDecodeException;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.api.ApiRegistry;
import io.heliograph.tl.api.HelpGetNearestDc;
import io.heliograph.tl.api.NearestDc;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One server connection as the gateway builds it ({@link Transports#configure} then {@link MtprotoServerHandler}),
 * in an {@link EmbeddedChannel} with a {@link TrackingAllocator}, and the checks a fuzz input must pass:
 *
 * <ul>
 *   <li>nothing reaches the end of the pipeline (EmbeddedChannel rethrows it);
 *   <li>the session handler throws nothing but {@link TlDecodeException} (it then closes the connection), and
 *       receives no exception from below but {@link TransportException} (a decoder failing otherwise, for example a
 *       {@code DecoderException} wrapping an IndexOutOfBoundsException, is a bug);
 *   <li>no write of the session handler fails, except on a closed channel;
 *   <li>after close, every buffer allocated for the connection has been released.
 * </ul>
 */
final class ServerUnderTest {

    /** Answers help.getNearestDc (so results are written back in the client's layer); refuses anything else. */
    static final RpcHandler RPC = call -> {
        if (call.function() instanceof HelpGetNearestDc) {
            return CompletableFuture.<TlObject>completedFuture(new NearestDc("XX", 2, 2));
        }
        return CompletableFuture.failedFuture(new RpcException(400, "NOT_IN_FUZZ_TEST"));
    };

    private final TrackingAllocator alloc = new TrackingAllocator();
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final List<Throwable> failures = new ArrayList<>();
    private final List<byte[]> outbound = new ArrayList<>();

    ServerUnderTest(TransportLimits limits) {
        AuthKeyStore keys = AuthKeyStore.inMemory();
        keys.put(new AuthKeyStore.Entry(FuzzFixtures.PERM_KEY, false, 0, 2));
        keys.put(new AuthKeyStore.Entry(FuzzFixtures.TEMP_KEY, true, FuzzFixtures.NOW + 3600, 2));
        SessionRegistry sessions = new SessionRegistry(FuzzFixtures.CLOCK, ApiRegistry.LAYER,
                "heliograph fuzz salt secret".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        // the seeds carry SALT: accepted as each key's key-exchange salt (its first period, the clock is fixed)
        sessions.salts().handshake(FuzzFixtures.PERM_KEY.id(), FuzzFixtures.SALT);
        sessions.salts().handshake(FuzzFixtures.TEMP_KEY.id(), FuzzFixtures.SALT);
        MtprotoServerHandler.Context ctx = new MtprotoServerHandler.Context(FuzzFixtures.RSA, keys, sessions, RPC,
                FuzzFixtures.CLOCK, FuzzFixtures.random());
        channel.config().setAllocator(alloc);
        Transports.configure(channel.pipeline(), limits);
        channel.pipeline().addLast("fuzz.writes", new WriteObserver());
        channel.pipeline().addLast("session", new Observed(new MtprotoServerHandler(ctx)));
    }

    /**
     * Writes {@code stream} in chunks whose lengths {@code chunkSeed} determines (0: all at once), while the
     * connection stays open, taking out whatever the server answers.
     */
    void receive(byte[] stream, int chunkSeed) {
        int pos = 0;
        int state = chunkSeed * 0x9e3779b9 | 1;
        int maxChunk = 1 + (chunkSeed & 0x1f) * 4;
        while (pos < stream.length && channel.isOpen()) {
            int n = stream.length - pos;
            if (chunkSeed != 0) {
                state ^= state << 13;
                state ^= state >>> 17;
                state ^= state << 5;
                n = Math.min(n, 1 + Integer.remainderUnsigned(state, maxChunk));
            }
            ByteBuf chunk = alloc.buffer(n).writeBytes(stream, pos, n);
            pos += n;
            channel.writeInbound(chunk);
            drain();
        }
    }

    /** The bytes the server wrote, one array per write reaching the socket, in order. */
    List<byte[]> outbound() {
        return outbound;
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /** Closes the connection and applies the checks; throws the finding, if any. */
    void finish() {
        channel.close();
        drain();
        channel.finishAndReleaseAll();
        if (!failures.isEmpty()) {
            AssertionError e = new AssertionError("the connection failed other than by closing: " + failures.get(0),
                    failures.get(0));
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
        if (alloc.live() != 0) {
            throw new AssertionError(alloc.live() + " buffer(s) of the connection were never released");
        }
    }

    private void drain() {
        for (Object o; (o = channel.readOutbound()) != null; ) {
            if (o instanceof ByteBuf b) {
                outbound.add(ByteBufUtil.getBytes(b));
            }
            ReferenceCountUtil.release(o);
        }
        for (Object o; (o = channel.readInbound()) != null; ) {
            ReferenceCountUtil.release(o); // e.g. the bytes of an HTTP request, which no handler here takes
        }
    }

    /** Runs the session handler and records what it throws or is thrown at it. */
    private final class Observed extends ChannelInboundHandlerAdapter {

        private final MtprotoServerHandler inner;

        Observed(MtprotoServerHandler inner) {
            this.inner = inner;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                inner.channelRead(ctx, msg);
            } catch (TlDecodeException e) {
                inner.exceptionCaught(ctx, e);
            } catch (Throwable e) {
                failures.add(e);
                inner.exceptionCaught(ctx, e);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!(cause instanceof TransportException)) {
                failures.add(cause);
            }
            inner.exceptionCaught(ctx, cause);
        }
    }

    /** Fails the input when a write of the session handler fails (other than on a closed connection). */
    private final class WriteObserver extends ChannelOutboundHandlerAdapter {

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ChannelPromise observed = promise.isVoid() ? ctx.newPromise() : promise;
            observed.addListener(f -> {
                if (!f.isSuccess() && !(f.cause() instanceof ClosedChannelException)) {
                    failures.add(f.cause());
                }
            });
            ctx.write(msg, observed);
        }
    }
}
