package io.heliograph.gateway.kafka;

import io.heliograph.platform.kafka.ConsumerLoop;
import io.heliograph.platform.kafka.ConsumerLoopFailures;
import io.heliograph.platform.kafka.TopicPartitions;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads every partition of a topic from its end, on its own thread, for as long as the instance runs: what a gateway
 * needs from topics whose records are for the live instance only (its deliveries, the DC's auth events). No consumer
 * group rebalancing, no commits: a restarted instance has no sessions the older records could be for.
 */
public final class TopicTail implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicTail.class);
    private static final Duration PARTITIONS_WAIT = Duration.ofSeconds(30);

    private final Supplier<org.apache.kafka.clients.consumer.Consumer<String, byte[]>> consumers;
    private final String topic;
    private final Consumer<ConsumerRecord<String, byte[]>> handler;
    private final ConsumerLoop loop;

    public TopicTail(Supplier<org.apache.kafka.clients.consumer.Consumer<String, byte[]>> consumers, String topic,
            Consumer<ConsumerRecord<String, byte[]>> handler, ConsumerLoopFailures failures) {
        this.consumers = consumers;
        this.topic = topic;
        this.handler = handler;
        this.loop = new ConsumerLoop("tail-" + topic, Duration.ofSeconds(5), failures);
    }

    @Override
    public void start() {
        var consumer = consumers.get();
        // a deliveries topic this instance created a moment ago may not show its partitions yet: assigning none left
        // a tail whose first poll threw, and an instance that never got its answers
        List<TopicPartition> partitions = TopicPartitions.await(consumer, topic, PARTITIONS_WAIT);
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolved now: records written after start() returns are read
        loop.start(consumer, this::turn, c -> { });
    }

    private void turn(org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
            try {
                handler.accept(r);
            } catch (RuntimeException e) {
                log.warn("record {}:{} of {} not handled: {}", r.partition(), r.offset(), topic, e.toString());
            }
        }
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.running();
    }
}
