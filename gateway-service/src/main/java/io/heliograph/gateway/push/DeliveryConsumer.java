package io.heliograph.gateway.push;

import io.heliograph.events.EventCodec;
import io.heliograph.events.EventEnvelope;
import io.heliograph.events.SessionDelivery;
import io.heliograph.gateway.GatewayMeters;
import io.heliograph.gateway.session.GatewaySessions;
import io.heliograph.mtproto.session.MtprotoServerHandler;
import io.heliograph.mtproto.session.ServerSession;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.api.ApiRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads this instance's deliveries topic ({@code dc<N>.gateway.<instance>.deliveries}, written by fan-out) and
 * pushes each object to its session: encrypted on the session's connection now, or kept for the session until its
 * client reconnects within the session lifetime.
 */
public final class DeliveryConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryConsumer.class);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final String topic;
    private final GatewaySessions sessions;
    private final MtprotoServerHandler.Context context;
    private final GatewayMeters meters;
    private final Clock clock;
    private final EventCodec codec = new EventCodec();
    private volatile Consumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;

    public DeliveryConsumer(Supplier<Consumer<String, byte[]>> consumers, String topic, GatewaySessions sessions,
            MtprotoServerHandler.Context context, GatewayMeters meters, Clock clock) {
        this.consumers = consumers;
        this.topic = topic;
        this.sessions = sessions;
        this.context = context;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public void start() {
        consumer = consumers.get();
        // only this instance reads its topic: no group rebalancing, and whatever was written before it started is
        // for sessions that died with a predecessor, so it starts at the end (resolved now, before any delivery)
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        running = true;
        thread = new Thread(this::run, "gateway-deliveries");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> r : records) {
                    deliver(r);
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.error("deliveries consumer stopped", e);
        } finally {
            try {
                consumer.close(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                log.debug("closing the deliveries consumer: {}", e.toString());
            }
        }
    }

    void deliver(ConsumerRecord<String, byte[]> record) {
        SessionDelivery d;
        TlObject object;
        try {
            EventEnvelope envelope = codec.decode(record.value());
            if (!(envelope.event() instanceof SessionDelivery delivery)) {
                log.warn("unexpected {} on {}", envelope.type(), topic);
                return;
            }
            d = delivery;
            object = ApiRegistry.read(new TlReader(d.body()));
        } catch (RuntimeException e) {
            log.warn("undecodable delivery at {}:{}: {}", record.partition(), record.offset(), e.toString());
            meters.pushed("invalid", null);
            return;
        }
        Collection<ServerSession> targets = targets(d);
        if (targets.isEmpty()) {
            meters.pushed("no_session", null);
            return;
        }
        Duration latency = Duration.between(Instant.ofEpochMilli(record.timestamp()), clock.instant());
        for (ServerSession s : targets) {
            boolean sent = MtprotoServerHandler.push(context, s, object);
            meters.pushed(!sent ? "layer_mismatch" : s.channel() != null ? "sent" : "parked", sent ? latency : null);
        }
    }

    private Collection<ServerSession> targets(SessionDelivery d) {
        if (d.authKeyId() != 0 && d.sessionId() != 0) {
            ServerSession s = context.sessions().find(d.authKeyId(), d.sessionId());
            return s == null ? List.of() : List.of(s);
        }
        if (d.authKeyId() != 0) {
            return new ArrayList<>(sessions.sessionsOf(d.authKeyId()));
        }
        return sessions.sessionsOfUser(d.userId());
    }

    @Override
    public void stop() {
        running = false;
        Consumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

}
