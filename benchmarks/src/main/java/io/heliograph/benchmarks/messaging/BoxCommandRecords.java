package io.heliograph.benchmarks.messaging;

import io.heliograph.events.BoxCommand;
import io.heliograph.events.DcId;
import io.heliograph.events.EventCodec;
import io.heliograph.events.EventEnvelope;
import io.heliograph.events.Topic;
import io.heliograph.events.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The platform's {@code box-commands} records written while a phase ran, read back from Kafka: their count and mean
 * size (key + value), for the commands (sendMessage) and the peer effects apart. The command's size is the record
 * size Kafka's own tools are run with.
 */
final class BoxCommandRecords implements AutoCloseable {

    /** Mean sizes in bytes (key + value) of the records of one phase. */
    record Sizes(long commands, double commandBytes, long effects, double effectBytes) {

        int commandRecordSize() {
            return (int) Math.round(commandBytes);
        }

        @Override
        public String toString() {
            return String.format("%d commands of %.0f bytes (key + value), %d peer effects of %.0f bytes", commands,
                    commandBytes, effects, effectBytes);
        }
    }

    private static final int MAX_READ = 50_000;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private Map<TopicPartition, Long> start;

    BoxCommandRecords(String bootstrap, int dc) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        String topic = new TopicNames("").name(Topic.BOX_COMMANDS, DcId.of(dc));
        for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
    }

    int partitions() {
        return partitions.size();
    }

    void markStart() {
        start = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
    }

    /** Reads what was written since {@link #markStart()} (at most 50,000 records). */
    Sizes measure() {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        consumer.assign(partitions);
        for (TopicPartition tp : partitions) {
            consumer.seek(tp, start.get(tp));
        }
        EventCodec codec = new EventCodec();
        long commands = 0;
        long commandBytes = 0;
        long effects = 0;
        long effectBytes = 0;
        long read = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (read < MAX_READ && System.nanoTime() < deadline && !atEnd(end)) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                    continue;
                }
                read++;
                int size = (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
                EventEnvelope e;
                try {
                    e = codec.decode(r.value());
                } catch (RuntimeException ex) {
                    continue;
                }
                if (e.event() instanceof BoxCommand) {
                    commands++;
                    commandBytes += size;
                } else {
                    effects++;
                    effectBytes += size;
                }
            }
        }
        return new Sizes(commands, commands == 0 ? 0 : (double) commandBytes / commands, effects,
                effects == 0 ? 0 : (double) effectBytes / effects);
    }

    private boolean atEnd(Map<TopicPartition, Long> end) {
        for (TopicPartition tp : partitions) {
            if (consumer.position(tp) < end.get(tp)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
