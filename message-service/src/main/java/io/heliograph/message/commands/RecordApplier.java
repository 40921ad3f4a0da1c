package io.heliograph.message.commands;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** What {@link BoxCommandConsumer} does with each record of a partition it owns ({@link BoxWriter} in production). */
public interface RecordApplier {

    /**
     * Applies one record durably and hands the records it produces to the producer; returns their sends, completed
     * when each is acknowledged (or failed), which are awaited before the offset is committed. Throws when the record
     * must be retried.
     */
    List<CompletableFuture<RecordMetadata>> apply(ConsumerRecord<String, byte[]> record);

    /** Forgets what is held in memory for a partition (revoked, or a write of it failed and will be retried). */
    void forget(int partition);
}
