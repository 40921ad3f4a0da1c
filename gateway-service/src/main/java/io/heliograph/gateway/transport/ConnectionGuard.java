package io.heliograph.gateway.transport;

import io.heliograph.gateway.GatewayMeters;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every device connection: counts connections per address and in total (marking those beyond
 * the limits for {@link FloodGate} to answer -429), counts bytes, closes idle connections, and applies backpressure:
 * while the client does not read what we write, we read nothing from it; if it stays so too long, or what waits for
 * it grows past the limit, the connection is closed rather than buffered without end.
 */
public final class ConnectionGuard extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);

    /** Set on a connection beyond a limit: the reason, as the rejected meter tags it. */
    static final AttributeKey<String> REJECTED = AttributeKey.valueOf("heliograph.rejected");

    /** Per-listener state shared by its connections. */
    public static final class Limits {
        final int perIp;
        final int total;
        final long maxPendingWrite;
        final Duration slowReaderTimeout;
        final GatewayMeters meters;
        final ConcurrentHashMap<InetAddress, AtomicInteger> byIp = new ConcurrentHashMap<>();
        final double handshakesPerSecond;
        final int handshakeBurst;
        /** Token buckets of unencrypted messages per address: [tokens, last refill nanos]. */
        final com.github.benmanes.caffeine.cache.Cache<InetAddress, double[]> handshakes = com.github.benmanes.caffeine.cache.Caffeine
                .newBuilder().expireAfterAccess(java.time.Duration.ofMinutes(10)).maximumSize(1_000_000).build();

        public Limits(int perIp, int total, long maxPendingWrite, Duration slowReaderTimeout, GatewayMeters meters) {
            this(perIp, total, maxPendingWrite, slowReaderTimeout, meters, 30, 300);
        }

        public Limits(int perIp, int total, long maxPendingWrite, Duration slowReaderTimeout, GatewayMeters meters,
                double handshakesPerSecond, int handshakeBurst) {
            this.perIp = perIp;
            this.total = total;
            this.maxPendingWrite = maxPendingWrite;
            this.slowReaderTimeout = slowReaderTimeout;
            this.meters = meters;
            this.handshakesPerSecond = handshakesPerSecond;
            this.handshakeBurst = handshakeBurst;
        }

        /** Takes a token for an unencrypted message from {@code address}; false when its bucket is empty. */
        boolean handshakeAllowed(InetAddress address, long nowNanos) {
            if (address == null) {
                return true;
            }
            double[] b = handshakes.get(address, k -> new double[] {handshakeBurst, nowNanos});
            synchronized (b) {
                b[0] = Math.min(handshakeBurst, b[0] + (nowNanos - b[1]) / 1e9 * handshakesPerSecond);
                b[1] = nowNanos;
                if (b[0] >= 1) {
                    b[0] -= 1;
                    return true;
                }
                return false;
            }
        }
    }

    private final Limits limits;
    private final String listener;
    private InetAddress address;

    InetAddress address() {
        return address;
    }

    Limits limits() {
        return limits;
    }
    private ScheduledFuture<?> slowReader;
    private long in;
    private long out;

    public ConnectionGuard(Limits limits, String listener) {
        this.limits = limits;
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        limits.meters.opened(listener);
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress a) {
            address = a.getAddress();
        }
        int fromIp = address == null ? 0 : limits.byIp.computeIfAbsent(address, k -> new AtomicInteger()).incrementAndGet();
        if (fromIp > limits.perIp) {
            ctx.channel().attr(REJECTED).set("ip_limit");
        } else if (limits.meters.openConnections() > limits.total) {
            ctx.channel().attr(REJECTED).set("total_limit");
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        limits.meters.closed();
        if (address != null) {
            limits.byIp.computeIfPresent(address, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
        }
        if (slowReader != null) {
            slowReader.cancel(false);
        }
        flushCounts();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b) {
            in += b.readableBytes();
        } else if (msg instanceof ByteBufHolder h) {
            in += h.content().readableBytes();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flushCounts();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf b) {
            out += b.readableBytes();
        }
        ctx.write(msg, promise);
        ChannelOutboundBuffer pending = ctx.channel().unsafe().outboundBuffer();
        if (pending != null && pending.totalPendingWriteBytes() > limits.maxPendingWrite) {
            log.debug("closing {}: {} bytes wait for a client that does not read", ctx.channel().remoteAddress(),
                    pending.totalPendingWriteBytes());
            limits.meters.rejected("slow_reader");
            ctx.close();
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        flushCounts();
        ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(false);
            if (slowReader == null) {
                slowReader = ctx.executor().schedule(() -> {
                    if (!ctx.channel().isWritable()) {
                        limits.meters.rejected("slow_reader");
                        ctx.close();
                    }
                }, limits.slowReaderTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } else {
            if (slowReader != null) {
                slowReader.cancel(false);
                slowReader = null;
            }
            ctx.channel().config().setAutoRead(true);
            ctx.read();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            limits.meters.rejected("idle");
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection error on {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private void flushCounts() {
        if (in != 0 || out != 0) {
            limits.meters.bytes(in, out);
            in = 0;
            out = 0;
        }
    }
}
