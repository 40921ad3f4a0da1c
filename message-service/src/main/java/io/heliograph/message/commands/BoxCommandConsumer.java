package io.heliograph.message.commands;

import io.heliograph.platform.kafka.ConsumerLoop;
import io.heliograph.platform.kafka.ConsumerLoopFailures;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads {@code box-commands} in the message-service consumer group: owning a partition makes this instance the
 * single writer of its boxes.
 *
 * <p>Each partition is a <em>lane</em>: its polled records are applied in order, batch after batch, on the writer
 * threads, while the poll loop goes on polling the other partitions (no barrier across partitions, so an effect
 * waiting in one partition is not held up by the produce acknowledgements or the commit of another). A batch ends
 * when its records are applied and every record they produced is acknowledged (awaited without holding a writer
 * thread, which goes on with another lane meanwhile); only then is its offset committed
 * (asynchronously, at most once a second: a redelivered record replays its stored outcome, so a lost or late commit
 * costs a replay, never a loss). Records polled while a lane waits join its next batch.
 * A partition whose record fails is rewound to it, its held boxes dropped (they reload from Cassandra), and retried
 * after a pause. A lane with too many records in flight is paused until it catches up. On revocation the lanes of
 * the revoked partitions stop after their current record and their finished batches are committed before the
 * partitions go to another instance.
 */
public final class BoxCommandConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BoxCommandConsumer.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final Duration IDLE_POLL = Duration.ofMillis(200);
    /** While batches are in flight the loop polls often, to commit and resume lanes soon after they finish. */
    private static final Duration BUSY_POLL = Duration.ofMillis(5);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(40);
    private static final Duration PRODUCE_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_BATCH_RECORDS = 500;
    /**
     * How often finished work is committed (always also when partitions are given up): each commit is a request and a
     * write to Kafka's offsets topic, and a commit lost in a crash costs only replays of stored outcomes.
     */
    private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final String topic;
    private final RecordApplier writer;
    private final ExecutorService workers;
    private final int maxPendingRecords;
    private final ConsumerLoop loop;
    /** The lanes of the assigned partitions; touched by the loop thread only (rebalance callbacks run in its poll). */
    private final Map<TopicPartition, Lane> lanes = new HashMap<>();
    /** Offsets of finished batches not committed yet (loop thread only). */
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    private long lastCommit;

    public BoxCommandConsumer(Supplier<Consumer<String, byte[]>> consumers, String topic, RecordApplier writer, int threads,
            ConsumerLoopFailures failures) {
        this(consumers, topic, writer, threads, 2000, failures);
    }

    BoxCommandConsumer(Supplier<Consumer<String, byte[]>> consumers, String topic, RecordApplier writer, int threads,
            int maxPendingRecords, ConsumerLoopFailures failures) {
        this.loop = new ConsumerLoop("box-commands", Duration.ofSeconds(40), failures);
        this.consumers = consumers;
        this.topic = topic;
        this.writer = writer;
        this.maxPendingRecords = maxPendingRecords;
        this.workers = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "box-writer");
            t.setDaemon(true);
            return t;
        });
    }

    /** One partition's work: batches applied one after the other, in poll order. */
    private static final class Lane {
        final ArrayDeque<Batch> batches = new ArrayDeque<>();
        CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
        /** Set when a batch failed or the partition is being given up: later records are not applied. */
        volatile boolean halted;
        int pendingRecords;
        /** When a failed lane may read again (epoch millis), 0 when it is not waiting to retry. */
        long retryAt;
        boolean paused;
    }

    /**
     * Records of a lane applied together. Until a writer thread starts it, records polled later join it (up to
     * {@link #MAX_BATCH_RECORDS}): a lane waiting for its previous batch's acknowledgements then applies all that
     * arrived meanwhile at once, so the writer can put their rows into fewer Cassandra batches.
     */
    private static final class Batch {
        final long firstOffset;
        private final List<ConsumerRecord<String, byte[]>> records;
        private boolean started;
        CompletableFuture<Done> done;

        Batch(List<ConsumerRecord<String, byte[]>> records) {
            this.firstOffset = records.get(0).offset();
            this.records = new ArrayList<>(records);
        }

        /** Adds the records if the batch has not started; false if it has, or would grow too big. */
        synchronized boolean join(List<ConsumerRecord<String, byte[]>> more) {
            if (started || records.size() + more.size() > MAX_BATCH_RECORDS) {
                return false;
            }
            records.addAll(more);
            return true;
        }

        /** The records, no longer open to others; called once, by the writer thread that applies them. */
        synchronized List<ConsumerRecord<String, byte[]>> start() {
            started = true;
            return records;
        }

        /** How many records the batch holds: final once it has started, which it has when {@code done} is. */
        synchronized int size() {
            return records.size();
        }

        CompletableFuture<Done> done() {
            return done;
        }
    }

    /** A batch's end: applied up to {@code nextOffset} (-1: none); {@code failure} at {@code failedOffset}, if any. */
    private record Done(long nextOffset, long failedOffset, RuntimeException failure) {
    }

    @Override
    public void start() {
        Consumer<String, byte[]> consumer = consumers.get();
        consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                giveUp(consumer, partitions, true);
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                giveUp(consumer, partitions, false);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                for (TopicPartition p : partitions) {
                    writer.forget(p.partition());
                    lanes.put(p, new Lane());
                }
            }
        });
        loop.start(consumer, this::turn, c -> giveUp(c, List.copyOf(lanes.keySet()), true));
    }

    private void turn(Consumer<String, byte[]> consumer) {
        boolean busy = lanes.values().stream().anyMatch(l -> !l.batches.isEmpty() || l.retryAt > 0);
        ConsumerRecords<String, byte[]> records = consumer.poll(busy ? BUSY_POLL : IDLE_POLL);
        for (TopicPartition tp : records.partitions()) {
            Lane lane = lanes.computeIfAbsent(tp, p -> new Lane());
            List<ConsumerRecord<String, byte[]>> list = records.records(tp);
            lane.pendingRecords += list.size();
            Batch last = lane.batches.peekLast();
            if (last != null && last.join(list)) {
                continue;
            }
            Batch batch = new Batch(list);
            batch.done = lane.tail.thenApplyAsync(x -> applyAll(lane, batch.start()), workers)
                    .thenCompose(applied -> acknowledged(lane, applied));
            lane.tail = batch.done.handle((d, e) -> null);
            lane.batches.add(batch);
        }
        settle(consumer);
    }

    /** Commits the batches that finished (at most every {@link #COMMIT_INTERVAL}), rewinds failed lanes, and pauses or resumes lanes. */
    private void settle(Consumer<String, byte[]> consumer) {
        Map<TopicPartition, OffsetAndMetadata> commit = uncommitted;
        long now = System.currentTimeMillis();
        for (Map.Entry<TopicPartition, Lane> e : lanes.entrySet()) {
            TopicPartition tp = e.getKey();
            Lane lane = e.getValue();
            while (!lane.batches.isEmpty() && lane.batches.peek().done().isDone()) {
                Batch batch = lane.batches.poll();
                lane.pendingRecords -= batch.size();
                Done done = result(batch);
                if (done.nextOffset() >= 0) {
                    commit.put(tp, new OffsetAndMetadata(done.nextOffset()));
                }
                if (done.failure() != null) {
                    rewind(consumer, tp, lane, done, now);
                    break;
                }
            }
            if (lane.retryAt > 0 && now >= lane.retryAt) {
                lane.retryAt = 0;
            }
            boolean pause = lane.retryAt > 0 || lane.pendingRecords >= maxPendingRecords;
            if (pause != lane.paused) {
                if (pause) {
                    consumer.pause(List.of(tp));
                } else {
                    consumer.resume(List.of(tp));
                }
                lane.paused = pause;
            }
        }
        if (!commit.isEmpty() && now - lastCommit >= COMMIT_INTERVAL.toMillis()) {
            consumer.commitAsync(new HashMap<>(commit), (offsets, x) -> {
                if (x != null) { // a later commit covers it; a redelivered record replays its outcome
                    log.debug("box-commands commit of {} failed: {}", offsets, x.toString());
                }
            });
            commit.clear();
            lastCommit = now;
        }
    }

    private void rewind(Consumer<String, byte[]> consumer, TopicPartition tp, Lane lane, Done done, long now) {
        log.warn("box-commands {} failed at offset {}, retrying: {}", tp, done.failedOffset(), done.failure().toString());
        lane.halted = true;
        await(lane.tail); // the batches after the failed one skip their records
        lane.batches.clear();
        lane.pendingRecords = 0;
        writer.forget(tp.partition());
        consumer.seek(tp, done.failedOffset());
        lane.halted = false;
        lane.retryAt = now + RETRY_PAUSE.toMillis();
    }

    /** Stops the lanes of partitions leaving this instance; commits what they finished when {@code commit}. */
    private void giveUp(Consumer<String, byte[]> consumer, Collection<TopicPartition> partitions, boolean commit) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata finished = uncommitted.remove(tp);
            if (finished != null) {
                offsets.put(tp, finished);
            }
            Lane lane = lanes.remove(tp);
            if (lane != null) {
                lane.halted = true;
                await(lane.tail); // then nothing of the lane runs any more
                for (Batch batch : lane.batches) {
                    Done done = result(batch);
                    if (done.nextOffset() >= 0) {
                        offsets.put(tp, new OffsetAndMetadata(done.nextOffset()));
                    }
                    if (done.failure() != null) {
                        break;
                    }
                }
            }
            writer.forget(tp.partition());
        }
        if (commit && !offsets.isEmpty()) {
            try {
                consumer.commitSync(offsets);
            } catch (RuntimeException e) { // the next owner replays these records' outcomes
                log.warn("box-commands commit of {} on giving them up failed: {}", offsets.keySet(), e.toString());
            }
        }
    }

    private static void await(CompletableFuture<Void> tail) {
        try {
            tail.get(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("box-commands lane did not settle: {}", e.toString());
        }
    }

    private static Done result(Batch batch) {
        if (!batch.done().isDone()) {
            return new Done(-1, batch.firstOffset, new IllegalStateException("not finished"));
        }
        try {
            return batch.done().join();
        } catch (RuntimeException e) { // not run (the writers were shut down)
            return new Done(-1, batch.firstOffset, e);
        }
    }

    /** A batch applied: what {@link Done} says once {@code sends}, the records it produced, are acknowledged. */
    private record Applied(long firstOffset, Done done, List<CompletableFuture<RecordMetadata>> sends) {
    }

    /**
     * Applies a batch of one partition in order ({@link RecordApplier#applyAll}), stopping at the first failure or
     * when the lane is halted. The writer thread is free again once the rows are written: the produced records are
     * awaited by {@link #acknowledged}.
     */
    private Applied applyAll(Lane lane, List<ConsumerRecord<String, byte[]>> records) {
        RecordApplier.Outcome o = writer.applyAll(records, () -> lane.halted);
        if (o.failure() != null) {
            lane.halted = true;
        }
        return new Applied(records.get(0).offset(), new Done(o.nextOffset(), o.failedOffset(), o.failure()), o.sends());
    }

    /**
     * The batch's end once every record it produced is acknowledged; the lane's next batch starts only then, so a
     * partition's records reach Kafka in order. If a produce failed, nothing of the batch is committed: it is
     * delivered again and each record replays its outcome.
     */
    private static CompletableFuture<Done> acknowledged(Lane lane, Applied applied) {
        if (applied.sends().isEmpty()) {
            return CompletableFuture.completedFuture(applied.done());
        }
        return CompletableFuture.allOf(applied.sends().toArray(CompletableFuture[]::new))
                .orTimeout(PRODUCE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .handle((ok, e) -> {
                    if (e == null) {
                        return applied.done();
                    }
                    lane.halted = true;
                    return new Done(-1, applied.firstOffset(), new IllegalStateException("produce failed", e));
                });
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
