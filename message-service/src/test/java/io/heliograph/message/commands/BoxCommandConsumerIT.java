package io.heliograph.message.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.platform.kafka.ConsumerLoopFailures;
import io.heliograph.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The box-commands consumer on the real Kafka: partitions are lanes (a partition whose writer is stuck does not hold
 * up the others, not even their later polls), each lane applies in offset order, a failed record is retried from
 * itself without applying anything twice, and offsets are committed once the work is done.
 */
class BoxCommandConsumerIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String topic = TestInfrastructure.namespace() + ".box-commands-consumer-" + System.nanoTime();
    private final String group = topic + ".writers";
    private KafkaProducer<String, byte[]> producer;
    private BoxCommandConsumer consumer;

    /** Applies by remembering: partition → values in the order applied. */
    private final Map<Integer, List<String>> applied = new ConcurrentHashMap<>();
    private final Set<Integer> forgotten = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void createTopic() throws Exception {
        TestInfrastructure.ensureRunning();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() {
        if (consumer != null) {
            consumer.stop();
        }
        producer.close();
    }

    private void produce(int partition, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, partition, value, value.getBytes())).get(30, TimeUnit.SECONDS);
    }

    private void start(RecordApplier applier) {
        consumer = new BoxCommandConsumer(() -> {
            Map<String, Object> config = new HashMap<>();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap());
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        }, topic, applier, 4, ConsumerLoopFailures.detached());
        consumer.start();
    }

    private void remember(ConsumerRecord<String, byte[]> r) {
        applied.computeIfAbsent(r.partition(), p -> Collections.synchronizedList(new ArrayList<>())).add(r.key());
    }

    private List<String> applied(int partition) {
        return List.copyOf(applied.getOrDefault(partition, List.of()));
    }

    private Map<Integer, Long> committed() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, group + ".reader");
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return offsets.entrySet().stream().filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aStuckPartitionDoesNotHoldUpTheOthersLaterPolls() throws Exception {
        CountDownLatch lateRecordApplied = new CountDownLatch(1);
        CountDownLatch stuck = new CountDownLatch(1);
        start(new RecordApplier() {
            @Override
            public List<CompletableFuture<RecordMetadata>> apply(ConsumerRecord<String, byte[]> r) {
                if (r.key().equals("p0-stuck")) {
                    stuck.countDown();
                    try { // released only once a record produced to partition 2 after this point was applied
                        assertThat(lateRecordApplied.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                remember(r);
                if (r.key().equals("p2-late")) {
                    lateRecordApplied.countDown();
                }
                return List.of();
            }

            @Override
            public void forget(int partition) {
            }
        });
        produce(0, "p0-stuck");
        produce(2, "p2-early");
        assertThat(stuck.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        produce(2, "p2-late");

        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            assertThat(applied(2)).containsExactly("p2-early", "p2-late");
            assertThat(applied(0)).containsExactly("p0-stuck");
        });
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(committed()).containsEntry(0, 1L).containsEntry(2, 2L));
    }

    @Test
    void aBatchWhoseProducedRecordFailedIsNotCommittedAndIsDeliveredAgain() throws Exception {
        AtomicBoolean failed = new AtomicBoolean();
        CompletableFuture<RecordMetadata> unanswered = new CompletableFuture<>();
        start(new RecordApplier() {
            @Override
            public List<CompletableFuture<RecordMetadata>> apply(ConsumerRecord<String, byte[]> r) {
                remember(r);
                if (r.key().equals("p2-0") && failed.compareAndSet(false, true)) { // Kafka refused what it produced
                    return List.of(CompletableFuture.failedFuture(new IllegalStateException("broker gone (simulated)")));
                }
                if (r.key().equals("p1-0")) { // acknowledged later: the writer threads go on meanwhile
                    return List.of(unanswered);
                }
                return List.of();
            }

            @Override
            public void forget(int partition) {
            }
        });
        produce(1, "p1-0");
        produce(2, "p2-0");
        produce(2, "p2-1");

        // the batch holding p2-0 is delivered again from p2-0 (each record replays its outcome), in order; p2-1 came
        // in the same poll or in the next one; p1-0 waits for its acknowledgement meanwhile
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(applied(2)).isIn(
                List.of("p2-0", "p2-0", "p2-1"), List.of("p2-0", "p2-1", "p2-0", "p2-1")));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(committed()).containsEntry(2, 2L));
        assertThat(committed()).doesNotContainKey(1);
        unanswered.complete(null);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(committed()).containsEntry(1, 1L));
        assertThat(applied(1)).containsExactly("p1-0");
    }

    @Test
    void aFailedRecordIsRetriedFromItselfInOrderAndNothingIsAppliedTwice() throws Exception {
        AtomicBoolean failed = new AtomicBoolean();
        start(new RecordApplier() {
            @Override
            public List<CompletableFuture<RecordMetadata>> apply(ConsumerRecord<String, byte[]> r) {
                if (r.key().equals("p1-5") && failed.compareAndSet(false, true)) {
                    throw new IllegalStateException("Cassandra unavailable (simulated)");
                }
                remember(r);
                return List.of();
            }

            @Override
            public void forget(int partition) {
                forgotten.add(partition);
            }
        });
        List<String> expected1 = IntStream.range(0, 10).mapToObj(i -> "p1-" + i).toList();
        List<String> expected3 = IntStream.range(0, 10).mapToObj(i -> "p3-" + i).toList();
        for (int i = 0; i < 10; i++) {
            produce(1, expected1.get(i));
            produce(3, expected3.get(i));
        }

        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            assertThat(applied(1)).containsExactlyElementsOf(expected1);
            assertThat(applied(3)).containsExactlyElementsOf(expected3);
        });
        assertThat(failed).isTrue();
        assertThat(forgotten).contains(1); // the boxes held for the failed partition were dropped
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(committed()).containsEntry(1, 10L).containsEntry(3, 10L));
    }
}
