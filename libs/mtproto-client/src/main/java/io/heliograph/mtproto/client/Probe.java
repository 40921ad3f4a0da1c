package io.heliograph.mtproto.client;

import io.heliograph.mtproto.client.MtprotoClientException.Reason;
import io.heliograph.mtproto.transport.InboundFrame;
import io.heliograph.tl.TlDecodeException;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.mtproto.MtprotoRegistry;
import io.heliograph.tl.mtproto.ReqPqMulti;
import io.heliograph.tl.mtproto.ResPQ;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.util.ReferenceCountUtil;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A connection that went as far as {@code resPQ} and then idles: what a server holds for a client that has not created
 * a key yet. Opened by {@link MtprotoClient#probe}.
 *
 * @see <a href="https://core.telegram.org/mtproto/auth_key#1-client-sends-query-to-server">req_pq_multi</a>
 */
public final class Probe {

    private final Channel channel;
    private final ResPQ resPq;
    private final CompletableFuture<Void> closed;

    private Probe(Channel channel, ResPQ resPq, CompletableFuture<Void> closed) {
        this.channel = channel;
        this.resPq = resPq;
        this.closed = closed;
    }

    static CompletableFuture<Probe> open(ClientOptions options, EventLoopGroup group, SecureRandom random) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        Handler handler = new Handler(options, nonce);
        ChannelFuture connected = ClientPipeline.bootstrap(options, group, random, handler).connect(options.address());
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                handler.result.completeExceptionally(new MtprotoClientException(Reason.CONNECT_FAILED, 0,
                        "cannot connect to " + options.address() + ": " + f.cause(), f.cause()));
                handler.closed.complete(null);
            }
        });
        return handler.result;
    }

    public ResPQ resPq() {
        return resPq;
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    public CompletableFuture<Void> close() {
        channel.close();
        return closed;
    }

    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    private static final class Handler extends ChannelInboundHandlerAdapter {

        final CompletableFuture<Probe> result = new CompletableFuture<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();
        private final ClientOptions options;
        private final byte[] nonce;

        Handler(ClientOptions options, byte[] nonce) {
            this.options = options;
            this.nonce = nonce;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.executor().schedule(() -> fail(ctx, new MtprotoClientException(Reason.TIMEOUT,
                    "no resPQ within " + options.handshakeTimeout())), options.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == TransportReady.INSTANCE) {
                byte[] body = new ReqPqMulti(nonce).toBytes();
                long now = options.clock().millis();
                ByteBuf buf = ctx.alloc().buffer(20 + body.length);
                buf.writeLongLE(0).writeLongLE((now / 1000) << 32 | ((now % 1000) << 22 & 0xfffffffcL))
                        .writeIntLE(body.length).writeBytes(body);
                ctx.writeAndFlush(buf, ctx.voidPromise());
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof InboundFrame frame) || result.isDone()) {
                ReferenceCountUtil.release(msg);
                return;
            }
            try {
                ByteBuf p = frame.payload();
                if (p.readableBytes() < 20 || p.getLongLE(p.readerIndex()) != 0) {
                    int code = p.readableBytes() >= 4 ? p.getIntLE(p.readerIndex()) : 0;
                    fail(ctx, new MtprotoClientException(Reason.TRANSPORT_ERROR, code, "instead of resPQ", null));
                    return;
                }
                int length = p.getIntLE(p.readerIndex() + 16);
                if (length < 0 || length > p.readableBytes() - 20) {
                    fail(ctx, new MtprotoClientException(Reason.HANDSHAKE_FAILED, "resPQ length " + length));
                    return;
                }
                byte[] body = new byte[length];
                p.getBytes(p.readerIndex() + 20, body);
                TlObject answer = MtprotoRegistry.read(new TlReader(body));
                if (!(answer instanceof ResPQ res) || !MessageDigest.isEqual(res.nonce(), nonce)) {
                    fail(ctx, new MtprotoClientException(Reason.HANDSHAKE_FAILED, "expected resPQ, got " + answer.tlName()));
                    return;
                }
                result.complete(new Probe(ctx.channel(), res, closed));
            } catch (TlDecodeException e) {
                fail(ctx, new MtprotoClientException(Reason.HANDSHAKE_FAILED, 0, e.toString(), e));
            } finally {
                frame.release();
            }
        }

        private void fail(ChannelHandlerContext ctx, Throwable cause) {
            if (result.completeExceptionally(cause)) {
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ctx, new MtprotoClientException(Reason.BAD_PACKET, 0, cause.toString(), cause));
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            result.completeExceptionally(new MtprotoClientException(Reason.CLOSED, "closed before resPQ"));
            closed.complete(null);
            ctx.fireChannelInactive();
        }
    }
}
