package io.heliograph.message.commands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import io.heliograph.platform.kafka.ConsumerLoop;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads {@code box-commands} in the message-service consumer group: owning a partition makes this instance the
 * single writer of its boxes. Each poll's partitions are applied in parallel, each partition in order; an offset is
 * committed only after the batches of its records are written and their produced records acknowledged. A partition
 * whose record fails is rewound to it and retried after a pause, its held boxes dropped (they reload from Cassandra).
 */
public final class BoxCommandConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BoxCommandConsumer.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final String topic;
    private final BoxWriter writer;
    private final ExecutorService workers;
    private final ConsumerLoop loop = new ConsumerLoop("box-commands", Duration.ofSeconds(10));

    public BoxCommandConsumer(Supplier<Consumer<String, byte[]>> consumers, String topic, BoxWriter writer, int threads) {
        this.consumers = consumers;
        this.topic = topic;
        this.writer = writer;
        this.workers = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "box-writer");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void start() {
        Consumer<String, byte[]> consumer = consumers.get();
        consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                partitions.forEach(p -> writer.forget(p.partition()));
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                partitions.forEach(p -> writer.forget(p.partition()));
            }
        });
        loop.start(consumer, this::turn, c -> { });
    }

    private record Done(long nextOffset, long failedOffset, RuntimeException failure) {
    }

    private void turn(Consumer<String, byte[]> consumer) throws InterruptedException {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
        if (records.isEmpty()) {
            return;
        }
        Map<TopicPartition, Future<Done>> work = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> list = records.records(tp);
            work.put(tp, workers.submit(() -> applyAll(list)));
        }
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        boolean failed = false;
        for (var e : work.entrySet()) {
            Done done;
            try {
                done = e.getValue().get();
            } catch (ExecutionException x) {
                throw new IllegalStateException("applying " + e.getKey() + " failed", x.getCause());
            }
            if (done.nextOffset() >= 0) {
                commit.put(e.getKey(), new OffsetAndMetadata(done.nextOffset()));
            }
            if (done.failure() != null) {
                failed = true;
                log.warn("box-commands {} failed at offset {}, retrying: {}", e.getKey(), done.failedOffset(),
                        done.failure().toString());
                writer.forget(e.getKey().partition());
                consumer.seek(e.getKey(), done.failedOffset());
            }
        }
        if (!commit.isEmpty()) {
            consumer.commitSync(commit);
        }
        if (failed) {
            Thread.sleep(RETRY_PAUSE.toMillis());
        }
    }

    /**
     * Applies a partition's records in order, stopping at the first failure, then awaits every produced record. If a
     * produce failed, nothing of the batch is committed: it is delivered again and each record replays its outcome.
     */
    private Done applyAll(List<ConsumerRecord<String, byte[]>> records) {
        long next = -1;
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        RuntimeException failure = null;
        long failedOffset = -1;
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                sends.addAll(writer.apply(r));
                next = r.offset() + 1;
            } catch (RuntimeException e) {
                failure = e;
                failedOffset = r.offset();
                break;
            }
        }
        try {
            for (Future<RecordMetadata> f : sends) {
                f.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Done(-1, records.get(0).offset(), new IllegalStateException("interrupted"));
        } catch (ExecutionException | TimeoutException e) {
            return new Done(-1, records.get(0).offset(), new IllegalStateException("produce failed", e));
        }
        return new Done(next, failedOffset, failure);
    }

    @Override
    public void stop() {
        loop.stop();
        workers.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return loop.running();
    }
}
