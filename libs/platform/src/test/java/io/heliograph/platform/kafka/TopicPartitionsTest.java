package io.heliograph.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A consumer assigning a topic created a moment ago waits for its partitions to show. */
class TopicPartitionsTest {

    private static List<PartitionInfo> partitions(String topic, int n) {
        return IntStream.range(0, n).mapToObj(p -> new PartitionInfo(topic, p, null, null, null)).toList();
    }

    @Test
    void waitsForATopicJustCreatedToShowItsPartitions() {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        consumer.updatePartitions("dc2.gateway.dc2-0.deliveries", List.of()); // known, no partitions yet
        CompletableFuture.runAsync(() -> consumer.updatePartitions("dc2.gateway.dc2-0.deliveries",
                partitions("dc2.gateway.dc2-0.deliveries", 2)), CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));

        assertThat(TopicPartitions.await(consumer, "dc2.gateway.dc2-0.deliveries", Duration.ofSeconds(10))).containsExactly(
                new TopicPartition("dc2.gateway.dc2-0.deliveries", 0), new TopicPartition("dc2.gateway.dc2-0.deliveries", 1));
    }

    @Test
    void aTopicThatNeverShowsFailsAfterTheWait() {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");

        assertThatThrownBy(() -> TopicPartitions.await(consumer, "dc1.presence", Duration.ofMillis(300)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("dc1.presence shows no partitions");
    }
}
