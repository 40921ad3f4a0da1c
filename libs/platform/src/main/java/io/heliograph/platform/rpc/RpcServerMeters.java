package io.heliograph.platform.rpc;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@value #CALLS}: one timer per method (TL name, bounded by the schema; {@value #UNKNOWN_METHOD} before the body is
 * decoded) and outcome ({@code ok}, {@code cancelled} or the error TYPE with digits replaced by X, as in
 * FLOOD_WAIT_X; past {@value #MAX_OUTCOMES} distinct types, {@code other}).
 */
final class RpcServerMeters {

    static final String CALLS = "heliograph.rpc.server.calls";
    static final String UNKNOWN_METHOD = "unknown";
    static final String OK = "ok";
    static final String CANCELLED = "cancelled";
    static final int MAX_OUTCOMES = 200;

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private final MeterRegistry registry;
    private final Set<String> outcomes = ConcurrentHashMap.newKeySet();

    RpcServerMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Starts timing one call; its method is unknown until the body is decoded. */
    Call start() {
        return new Call(Timer.start(registry));
    }

    /** One call being timed; only its first {@link #stop} counts. */
    final class Call {

        private final Timer.Sample sample;
        private final AtomicBoolean stopped = new AtomicBoolean();
        private volatile String method = UNKNOWN_METHOD;

        private Call(Timer.Sample sample) {
            this.sample = sample;
        }

        void method(String tlName) {
            this.method = tlName;
        }

        void stop(String outcome) {
            if (stopped.compareAndSet(false, true)) {
                sample.stop(Timer.builder(CALLS)
                        .description("API calls answered on " + RpcHeaders.PATH)
                        .tag("method", method)
                        .tag("outcome", bounded(outcome))
                        .register(registry));
            }
        }
    }

    String bounded(String outcome) {
        String normalised = DIGITS.matcher(outcome).replaceAll("X");
        if (outcomes.contains(normalised)) {
            return normalised;
        }
        if (outcomes.size() >= MAX_OUTCOMES) {
            return "other";
        }
        outcomes.add(normalised);
        return normalised;
    }
}
