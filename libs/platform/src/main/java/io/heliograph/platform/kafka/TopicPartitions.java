package io.heliograph.platform.kafka;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * The partitions of a topic that may have been created a moment ago. On a fresh Kafka every service creates the
 * topics it needs as it starts, and a topic is known to the brokers a moment before its partitions have leaders and
 * show in a consumer's metadata: {@code partitionsFor} then answers an empty list. Assigning that list leaves a
 * consumer whose first poll throws, so whoever assigns partitions by hand waits here first.
 */
public final class TopicPartitions {

    private TopicPartitions() {
    }

    /**
     * The topic's partitions, asking again every 100 ms while the consumer's metadata shows none.
     *
     * @throws IllegalStateException when none showed within {@code wait}
     */
    public static List<TopicPartition> await(Consumer<?, ?> consumer, String topic, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            List<PartitionInfo> found = consumer.partitionsFor(topic);
            if (found != null && !found.isEmpty()) {
                return found.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException(topic + " shows no partitions after " + wait
                        + ": the topic must be created before it is read");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the partitions of " + topic, e);
            }
        }
    }
}
