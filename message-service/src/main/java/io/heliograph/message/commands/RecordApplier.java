package io.heliograph.message.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** What {@link BoxCommandConsumer} does with each record of a partition it owns ({@link BoxWriter} in production). */
public interface RecordApplier {

    /**
     * What applying a batch of one partition came to: durable up to {@code nextOffset} (-1: none of it), the sends of
     * the records produced so far (completed when each is acknowledged, or failed), and, when {@code failure} is set,
     * the offset to retry from ({@code failedOffset}); nothing at or after it may be committed.
     */
    record Outcome(long nextOffset, long failedOffset, RuntimeException failure,
            List<CompletableFuture<RecordMetadata>> sends) {
    }

    /**
     * Applies one record durably and hands the records it produces to the producer; returns their sends, completed
     * when each is acknowledged (or failed), which are awaited before the offset is committed. Throws when the record
     * must be retried.
     */
    List<CompletableFuture<RecordMetadata>> apply(ConsumerRecord<String, byte[]> record);

    /**
     * Applies a batch of one partition in offset order, stopping at the first failure or as soon as {@code halted}
     * says so. This default applies record by record; a writer may write several records' rows together, so a
     * failure can send the partition back to an earlier record than the one that failed.
     */
    default Outcome applyAll(List<ConsumerRecord<String, byte[]>> records, BooleanSupplier halted) {
        long next = -1;
        List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            if (halted.getAsBoolean()) {
                break;
            }
            try {
                sends.addAll(apply(r));
                next = r.offset() + 1;
            } catch (RuntimeException e) {
                return new Outcome(next, r.offset(), e, sends);
            }
        }
        return new Outcome(next, -1, null, sends);
    }

    /** Forgets what is held in memory for a partition (revoked, or a write of it failed and will be retried). */
    void forget(int partition);
}
