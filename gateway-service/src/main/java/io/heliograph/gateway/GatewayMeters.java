package io.heliograph.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The gateway's meters, all named {@code heliograph.gateway.*}: connections (open, opened, rejected by reason),
 * handshakes, sessions (live, online), RPCs by method and outcome, bytes in and out, push latency and pushes.
 */
public final class GatewayMeters {

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private final MeterRegistry registry;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger online = new AtomicInteger();
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final Counter handshakes;
    private final Timer pushLatency;

    public GatewayMeters(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("heliograph.gateway.connections", open, AtomicInteger::get)
                .description("device connections open now").register(registry);
        Gauge.builder("heliograph.gateway.sessions.online", online, AtomicInteger::get)
                .description("sessions with a connection on this instance").register(registry);
        bytesIn = Counter.builder("heliograph.gateway.bytes").tag("direction", "in").baseUnit("bytes").register(registry);
        bytesOut = Counter.builder("heliograph.gateway.bytes").tag("direction", "out").baseUnit("bytes").register(registry);
        handshakes = Counter.builder("heliograph.gateway.handshakes").description("auth keys created").register(registry);
        pushLatency = Timer.builder("heliograph.gateway.push.latency")
                .description("from the update's record time to its encryption on the session's connection")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    public void sessions(Supplier<Number> live) {
        Gauge.builder("heliograph.gateway.sessions", live).description("sessions alive on this instance").register(registry);
    }

    public void opened(String listener) {
        open.incrementAndGet();
        registry.counter("heliograph.gateway.connections.opened", "listener", listener).increment();
    }

    public void closed() {
        open.decrementAndGet();
    }

    public int openConnections() {
        return open.get();
    }

    /** A connection refused or cut: {@code ip_limit}, {@code total_limit}, {@code idle}, {@code slow_reader}. */
    public void rejected(String reason) {
        registry.counter("heliograph.gateway.connections.rejected", "reason", reason).increment();
    }

    public void handshake() {
        handshakes.increment();
    }

    public void online(int delta) {
        online.addAndGet(delta);
    }

    public void bytes(long in, long out) {
        if (in > 0) {
            bytesIn.increment(in);
        }
        if (out > 0) {
            bytesOut.increment(out);
        }
    }

    /** One API call; error types lose their numbers (FLOOD_WAIT_X) so tag values stay a bounded set. */
    public void rpc(String method, String outcome, long nanos) {
        Timer.builder("heliograph.gateway.rpc").tag("method", method).tag("outcome", DIGITS.matcher(outcome).replaceAll("X"))
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void pushed(String outcome, Duration latency) {
        registry.counter("heliograph.gateway.pushes", "outcome", outcome).increment();
        if (latency != null && !latency.isNegative()) {
            pushLatency.record(latency);
        }
    }

    /** How a call sent as a box command ended: ok, error, timeout, or orphan (an answer nobody waited for). */
    public void commandAnswer(String outcome) {
        Counter.builder("heliograph.gateway.box.commands").tag("outcome", outcome).register(registry).increment();
    }
}
