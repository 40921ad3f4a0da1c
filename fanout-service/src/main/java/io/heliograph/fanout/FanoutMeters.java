package io.heliograph.fanout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The meters of fan-out: {@code heliograph.fanout.updates} (records read), {@code .deliveries{outcome}},
 * {@code .invalid{topic}} (records skipped), {@code .online.sessions} and {@code .latency} (record timestamp to
 * the delivery's acknowledgement).
 */
public final class FanoutMeters {

    /** What became of one delivery attempt. */
    public enum Outcome {
        /** acknowledged by Kafka */
        SENT,
        /** failed in a retriable way; its record is read and sent again */
        RETRY,
        /** given up: retries exhausted, or its gateway's topic cannot be created or is quarantined */
        DROPPED,
        /** refused for good by Kafka (too large, not authorized) */
        REJECTED;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The topics whose records may be skipped as invalid. */
    public enum Source {
        UPDATES, PRESENCE
    }

    private final Counter updates;
    private final Map<Outcome, Counter> deliveries = new EnumMap<>(Outcome.class);
    private final Map<Source, Counter> invalid = new EnumMap<>(Source.class);
    private final Timer latency;
    private final MeterRegistry registry;

    public FanoutMeters(MeterRegistry registry) {
        this.registry = registry;
        updates = Counter.builder("heliograph.fanout.updates").description("UserUpdate records read").register(registry);
        for (Outcome o : Outcome.values()) {
            deliveries.put(o, Counter.builder("heliograph.fanout.deliveries").tag("outcome", o.tag())
                    .description("SessionDelivery records by outcome").register(registry));
        }
        for (Source s : Source.values()) {
            invalid.put(s, Counter.builder("heliograph.fanout.invalid").tag("topic", s.name().toLowerCase(java.util.Locale.ROOT))
                    .description("records skipped because they could not be decoded or had the wrong type").register(registry));
        }
        latency = Timer.builder("heliograph.fanout.latency")
                .description("from an update's record timestamp to its delivery's acknowledgement").register(registry);
    }

    public void onlineSessions(Supplier<Number> count) {
        Gauge.builder("heliograph.fanout.online.sessions", count).description("online sessions of the owned users")
                .register(registry);
    }

    public void update() {
        updates.increment();
    }

    public void delivery(Outcome outcome) {
        deliveries.get(outcome).increment();
    }

    public void delivered(Duration sinceRecord) {
        deliveries.get(Outcome.SENT).increment();
        latency.record(sinceRecord.isNegative() ? Duration.ZERO : sinceRecord);
    }

    public void invalid(Source source) {
        invalid.get(source).increment();
    }

    public double count(Outcome outcome) {
        return deliveries.get(outcome).count();
    }

    public double invalidCount(Source source) {
        return invalid.get(source).count();
    }
}
