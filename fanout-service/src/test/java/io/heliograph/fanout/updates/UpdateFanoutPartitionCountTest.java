package io.heliograph.fanout.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.junit.jupiter.api.Test;

/** Fan-out's start reads the partition counts of topics that may have been created a moment before. */
class UpdateFanoutPartitionCountTest {

    private static List<PartitionInfo> partitions(String topic, int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(p -> new PartitionInfo(topic, p, null, null, null)).toList();
    }

    @Test
    void waitsForATopicJustCreatedToShowItsPartitions() throws Exception {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        CompletableFuture.runAsync(() -> consumer.updatePartitions("dc1.presence", partitions("dc1.presence", 8)),
                CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));

        assertThat(UpdateFanout.partitionCount(consumer, "dc1.presence", Duration.ofSeconds(10))).isEqualTo(8);
    }

    @Test
    void aTopicThatNeverShowsFailsAfterTheWait() {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");

        assertThatThrownBy(() -> UpdateFanout.partitionCount(consumer, "dc1.presence", Duration.ofMillis(300)))
                .hasMessageContaining("dc1.presence shows no partitions");
    }
}
