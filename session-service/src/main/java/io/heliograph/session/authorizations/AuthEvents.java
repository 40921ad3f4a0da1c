package io.heliograph.session.authorizations;

import io.heliograph.events.AuthorizationGranted;
import io.heliograph.events.AuthorizationReset;
import io.heliograph.events.Event;
import io.heliograph.events.EventCodec;
import io.heliograph.events.Partitioning;
import io.heliograph.events.Topic;
import io.heliograph.platform.DcContext;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes {@link AuthorizationGranted} and {@link AuthorizationReset} to this DC's {@code auth-events} (key: the
 * user id in decimal, partition by user id), which every gateway instance reads to update its auth key cache and
 * cut ended sessions off. The producer is the platform's (acks=all, idempotent); a call completes once Kafka has the
 * record.
 */
@Component
public class AuthEvents implements DisposableBean {

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final EventCodec codec;
    private final Clock clock;
    private volatile int partitions;

    @Autowired
    public AuthEvents(KafkaProperties kafka, DcContext dc, EventCodec codec, Clock clock) {
        this(new KafkaProducer<>(kafka.buildProducerProperties(), new StringSerializer(), new ByteArraySerializer()),
                dc.topic(Topic.AUTH_EVENTS), codec, clock);
    }

    AuthEvents(Producer<String, byte[]> producer, String topic, EventCodec codec, Clock clock) {
        this.producer = producer;
        this.topic = topic;
        this.codec = codec;
        this.clock = clock;
    }

    public Mono<Void> granted(long userId, long authKeyId) {
        return publish(userId, new AuthorizationGranted(userId, authKeyId));
    }

    public Mono<Void> reset(long userId, long authKeyId, String reason) {
        return publish(userId, new AuthorizationReset(userId, authKeyId, reason));
    }

    private Mono<Void> publish(long userId, Event event) {
        return partitions().flatMap(n -> Mono.<Void>create(sink -> {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, Partitioning.partitionFor(userId, n),
                    Long.toString(userId), codec.encode(event, clock.instant()));
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    sink.error(error);
                } else {
                    sink.success();
                }
            });
        }));
    }

    /** The topic's partition count, fetched once off the event loop (the first lookup waits for metadata). */
    private Mono<Integer> partitions() {
        int n = partitions;
        if (n > 0) {
            return Mono.just(n);
        }
        return Mono.fromCallable(() -> producer.partitionsFor(topic).size())
                .subscribeOn(Schedulers.boundedElastic())
                .doOnNext(count -> partitions = count);
    }

    @Override
    public void destroy() {
        producer.close(Duration.ofSeconds(5));
    }
}
