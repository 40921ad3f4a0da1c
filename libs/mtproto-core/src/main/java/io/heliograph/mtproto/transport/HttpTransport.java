package io.heliograph.mtproto.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP transport: each {@code POST /api} carries one MTProto message (no framing) and its response carries one
 * message from the server. A request that produces nothing to send waits, as long polling does, until the session
 * has something for the client or the poll times out ({@code 204 No Content}); messages produced while no request is
 * waiting are queued for the next one (and stay unacknowledged in the session until the client acknowledges them).
 *
 * @see <a href="https://core.telegram.org/mtproto/transports#http">HTTP transport</a>
 */
public final class HttpTransport {

    /** How long a request without an answer is held (the http_wait maximum clients use is 25 s). */
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(25);
    private static final int MAX_QUEUED = 256;

    private HttpTransport() {
    }

    /** Listens for the detector's HTTP verdict and then installs the HTTP codecs and {@link Handler}. */
    static final class Installer extends ChannelInboundHandlerAdapter {

        private final TransportLimits limits;
        private final Duration poll;

        Installer(TransportLimits limits, Duration poll) {
            this.limits = limits;
            this.poll = poll;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof TransportDetectedEvent detected) {
                if (detected.kind() == TransportKind.HTTP) {
                    String name = ctx.name();
                    ctx.pipeline().addAfter(name, TransportPipeline.HTTP_HANDLER, new Handler(poll));
                    ctx.pipeline().addAfter(name, TransportPipeline.HTTP_AGGREGATOR, new HttpObjectAggregator(limits.maxFrameLength()));
                    ctx.pipeline().addAfter(name, TransportPipeline.HTTP_CODEC, new HttpServerCodec());
                }
                ctx.pipeline().remove(this);
            }
            ctx.fireUserEventTriggered(evt);
        }
    }

    /** One connection's requests and responses. */
    static final class Handler extends ChannelDuplexHandler {

        private final Duration poll;
        private final ArrayDeque<ByteBuf> queued = new ArrayDeque<>();
        private boolean waiting;
        private boolean keepAlive;
        private ScheduledFuture<?> timeout;
        /** How long the current request may wait: the poll limit, or less when the client sent http_wait. */
        private long requestedWait;

        Handler(Duration poll) {
            this.poll = poll;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof FullHttpRequest request)) {
                ctx.fireChannelRead(msg);
                return;
            }
            try {
                if (request.method() == HttpMethod.OPTIONS) {
                    respond(ctx, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER, HttpUtil.isKeepAlive(request));
                    return;
                }
                if (request.method() != HttpMethod.POST || !request.uri().startsWith("/api")) {
                    respond(ctx, HttpResponseStatus.NOT_FOUND, Unpooled.EMPTY_BUFFER, false);
                    return;
                }
                if (waiting) {
                    // a new poll replaces one still waiting: the old one is answered empty
                    answerEmpty(ctx);
                }
                keepAlive = HttpUtil.isKeepAlive(request);
                waiting = true;
                requestedWait = poll.toMillis();
                ByteBuf body = request.content().retain();
                ctx.fireChannelRead(new InboundFrame(body, false));
                if (waiting && !queued.isEmpty()) {
                    respond(ctx, HttpResponseStatus.OK, queued.poll(), keepAlive);
                } else if (waiting) {
                    timeout = ctx.executor().schedule(() -> answerEmpty(ctx), requestedWait, TimeUnit.MILLISECONDS);
                }
            } finally {
                ReferenceCountUtil.release(request);
            }
        }

        private void answerEmpty(ChannelHandlerContext ctx) {
            if (waiting) {
                respond(ctx, HttpResponseStatus.NO_CONTENT, Unpooled.EMPTY_BUFFER, keepAlive);
            }
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof ByteBuf packet) {
                if (waiting) {
                    respond(ctx, HttpResponseStatus.OK, packet, keepAlive);
                } else {
                    queued.add(packet);
                    if (queued.size() > MAX_QUEUED) {
                        queued.poll().release(); // still kept by the session until acknowledged
                    }
                }
                promise.setSuccess();
            } else if (msg instanceof TransportError error) {
                HttpResponseStatus status = error.code() == -429 ? HttpResponseStatus.TOO_MANY_REQUESTS : HttpResponseStatus.NOT_FOUND;
                respond(ctx, status, Unpooled.EMPTY_BUFFER, false);
                promise.setSuccess();
            } else if (msg instanceof QuickAck) {
                promise.setSuccess(); // HTTP has no quick acknowledgements
            } else if (msg instanceof LongPoll longPoll) {
                // http_wait: hold the waiting request as long as the client asked (at most the configured poll)
                requestedWait = Math.min(longPoll.maxWaitMillis(), poll.toMillis());
                if (waiting && timeout != null) {
                    timeout.cancel(false);
                    timeout = ctx.executor().schedule(() -> answerEmpty(ctx), requestedWait, TimeUnit.MILLISECONDS);
                }
                promise.setSuccess();
            } else {
                ctx.write(msg, promise);
            }
        }

        private void respond(ChannelHandlerContext ctx, HttpResponseStatus status, ByteBuf body, boolean keep) {
            waiting = false;
            if (timeout != null) {
                timeout.cancel(false);
                timeout = null;
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                    .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                    .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "POST, OPTIONS")
                    .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type")
                    .set(HttpHeaderNames.CONNECTION, keep ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
            var future = ctx.writeAndFlush(response);
            if (!keep) {
                future.addListener(ChannelFutureListener.CLOSE);
            }
        }

        /** A malformed request or a connection closed mid-request ends the connection quietly. */
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof io.netty.handler.codec.CodecException) {
                ctx.close();
                return;
            }
            ctx.fireExceptionCaught(cause);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            queued.forEach(ByteBuf::release);
            queued.clear();
            if (timeout != null) {
                timeout.cancel(false);
            }
        }
    }
}
