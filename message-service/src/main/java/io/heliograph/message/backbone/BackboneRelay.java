package io.heliograph.message.backbone;

import io.heliograph.events.CrossDcCommand;
import io.heliograph.events.EventCodec;
import io.heliograph.message.commands.Outputs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import io.heliograph.platform.kafka.ConsumerLoop;
import io.heliograph.platform.kafka.ConsumerLoopFailures;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The receiving end of the backbone: moves each {@link CrossDcCommand} from this DC's {@code backbone-inbound} to its
 * {@code box-commands}, where the box's single writer applies the effect. Offsets are committed after the moved
 * records are acknowledged; a record moved twice is an effect applied once (effects are idempotent by origin).
 */
public final class BackboneRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackboneRelay.class);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final String topic;
    private final Producer<String, byte[]> producer;
    private final Outputs out;
    private final EventCodec codec = new EventCodec();
    private final ConsumerLoop loop;

    public BackboneRelay(Supplier<Consumer<String, byte[]>> consumers, String topic, Producer<String, byte[]> producer,
            Outputs out, ConsumerLoopFailures failures) {
        this.consumers = consumers;
        this.topic = topic;
        this.producer = producer;
        this.out = out;
        this.loop = new ConsumerLoop("backbone-inbound", Duration.ofSeconds(10), failures);
    }

    @Override
    public void start() {
        Consumer<String, byte[]> consumer = consumers.get();
        consumer.subscribe(List.of(topic));
        loop.start(consumer, this::turn, c -> { });
    }

    private void turn(Consumer<String, byte[]> consumer) throws InterruptedException {
        var records = consumer.poll(Duration.ofMillis(500));
        if (records.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                if (codec.decode(r.value()).event() instanceof CrossDcCommand c) {
                    sends.add(producer.send(out.relayed(c.effect())));
                } else {
                    log.warn("backbone-inbound {}:{} is not a cross-DC command, skipped", r.partition(), r.offset());
                }
            } catch (RuntimeException e) {
                log.warn("backbone-inbound {}:{} undecodable, skipped: {}", r.partition(), r.offset(), e.getMessage());
            }
            commit.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
        }
        try {
            for (Future<RecordMetadata> f : sends) {
                f.get();
            }
            consumer.commitSync(commit);
        } catch (java.util.concurrent.ExecutionException e) {
            log.warn("relaying failed, will be read again: {}", e.getCause().toString());
            for (TopicPartition tp : commit.keySet()) {
                OffsetAndMetadata committed = consumer.committed(java.util.Set.of(tp)).get(tp);
                consumer.seek(tp, committed == null ? 0 : committed.offset());
            }
            Thread.sleep(1000);
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
