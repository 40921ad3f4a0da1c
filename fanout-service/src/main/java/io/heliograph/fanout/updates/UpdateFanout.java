package io.heliograph.fanout.updates;

import io.heliograph.events.Event;
import io.heliograph.events.EventCodec;
import io.heliograph.events.Partitioning;
import io.heliograph.events.SessionDelivery;
import io.heliograph.events.SessionPresence;
import io.heliograph.events.UserUpdate;
import io.heliograph.fanout.FanoutMeters;
import io.heliograph.fanout.FanoutMeters.Outcome;
import io.heliograph.fanout.FanoutMeters.Source;
import io.heliograph.fanout.FanoutProperties;
import io.heliograph.fanout.presence.OnlineSession;
import io.heliograph.fanout.presence.OnlineSessions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import io.heliograph.platform.kafka.ConsumerLoop;
import io.heliograph.platform.kafka.ConsumerLoopFailures;
import io.heliograph.platform.kafka.TopicPartitions;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Forwards each user's updates (<a href="https://core.telegram.org/api/updates">updates</a>, in pts order) to the
 * gateway instances that hold the user's online sessions, as one {@link SessionDelivery} per session on
 * {@code dc<N>.gateway.<instance>.deliveries}.
 *
 * <p>One consumer, on its own thread, reads {@code updates} and the compacted {@code presence} in one group with the
 * range assignor: both topics have the same partition count, so the instance owning partition p of {@code updates}
 * owns partition p of {@code presence}, which holds the presence of exactly the same users. On assignment the
 * presence partitions are read again from their beginning and each updates partition stays paused until its presence
 * partition has reached the end offset it had at assignment; on revocation everything sent is flushed, acknowledged
 * progress committed and the partition's state dropped. Offsets of {@code updates} are committed only past records
 * whose every delivery was acknowledged ({@link PartitionProgress}); presence offsets are never committed.
 */
public final class UpdateFanout implements SmartLifecycle, ConsumerRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(UpdateFanout.class);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Producer<String, byte[]> producer;
    private final String updatesTopic;
    private final String presenceTopic;
    private final Function<String, String> deliveriesTopic;
    private final DeliveryTopics topics;
    private final OnlineSessions sessions;
    private final FanoutMeters meters;
    private final FanoutProperties properties;
    private final Clock clock;
    private final EventCodec codec;

    /** Owned updates partitions (consumer thread only). */
    private final Map<Integer, PartitionProgress> progress = new HashMap<>();
    /** Presence partitions still being read up to the end offset they had at assignment (consumer thread only). */
    private final Map<Integer, Long> presenceEnds = new HashMap<>();
    private volatile Consumer<String, byte[]> consumer;
    private final ConsumerLoop loop;
    private long lastCommit;

    public UpdateFanout(Supplier<Consumer<String, byte[]>> consumers, Producer<String, byte[]> producer,
            String updatesTopic, String presenceTopic, Function<String, String> deliveriesTopic, DeliveryTopics topics,
            OnlineSessions sessions, FanoutMeters meters, FanoutProperties properties, Clock clock, EventCodec codec,
            ConsumerLoopFailures failures) {
        this.consumers = consumers;
        this.producer = producer;
        this.updatesTopic = updatesTopic;
        this.presenceTopic = presenceTopic;
        this.deliveriesTopic = deliveriesTopic;
        this.topics = topics;
        this.sessions = sessions;
        this.meters = meters;
        this.properties = properties;
        this.loop = new ConsumerLoop("fanout-" + updatesTopic, properties.deliveryTimeout().plusSeconds(10), failures);
        this.clock = clock;
        this.codec = codec;
    }

    @Override
    public void start() {
        Consumer<String, byte[]> c = consumers.get();
        int updates;
        int presence;
        try {
            updates = partitionCount(c, updatesTopic, properties.adminTimeout());
            presence = partitionCount(c, presenceTopic, properties.adminTimeout());
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        if (updates != presence) {
            c.close();
            throw new IllegalStateException(updatesTopic + " has " + updates + " partitions and " + presenceTopic + " "
                    + presence + ": fan-out needs them co-partitioned (the same count)");
        }
        c.subscribe(List.of(updatesTopic, presenceTopic), this);
        consumer = c;
        loop.start(c, ignored -> turn(), ignored -> close());
    }

    /** The partition count of a topic another service may have created a moment ago ({@link TopicPartitions}). */
    static int partitionCount(Consumer<String, byte[]> c, String topic, Duration wait) {
        return TopicPartitions.await(c, topic, wait).size();
    }

    private void turn() {
        ConsumerRecords<String, byte[]> records = consumer.poll(properties.pollTimeout());
        for (ConsumerRecord<String, byte[]> r : records.records(presenceTopic)) {
            presence(r);
        }
        catchUp();
        Map<Integer, Long> seekBack = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records.records(updatesTopic)) {
            update(r, seekBack);
        }
        seekBack.forEach((p, offset) -> consumer.seek(new TopicPartition(updatesTopic, p), offset));
        settle();
        fetchOrPause();
        commit(false);
    }

    private void presence(ConsumerRecord<String, byte[]> r) {
        OnlineSessions.Key key = OnlineSessions.Key.parse(r.key());
        SessionPresence value = null;
        if (r.value() != null) {
            try {
                Event event = codec.decode(r.value()).event();
                if (!(event instanceof SessionPresence p)) {
                    throw new IllegalArgumentException("unexpected " + event.getClass().getSimpleName());
                }
                deliveriesTopic.apply(p.gatewayInstance()); // a valid instance id
                value = p;
            } catch (RuntimeException e) {
                invalid(Source.PRESENCE, r, e);
                return;
            }
            if (key == null) {
                key = new OnlineSessions.Key(value.userId(), value.authKeyId(), value.sessionId());
            }
        }
        if (key == null) {
            invalid(Source.PRESENCE, r, new IllegalArgumentException("tombstone with key '" + r.key() + "'"));
            return;
        }
        sessions.apply(r.partition(), key, value);
    }

    private void catchUp() {
        for (Iterator<Map.Entry<Integer, Long>> it = presenceEnds.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Integer, Long> e = it.next();
            if (consumer.position(new TopicPartition(presenceTopic, e.getKey())) >= e.getValue()) {
                it.remove();
                PartitionProgress pp = progress.get(e.getKey());
                if (pp != null) {
                    pp.caughtUp();
                }
                log.info("presence partition {} read up to {}; delivering its updates", e.getKey(), e.getValue());
            }
        }
    }

    private void update(ConsumerRecord<String, byte[]> r, Map<Integer, Long> seekBack) {
        PartitionProgress pp = progress.get(r.partition());
        if (pp == null) {
            return;
        }
        if (!pp.accepting()) {
            if (!pp.isCaughtUp()) {
                seekBack.merge(r.partition(), r.offset(), Math::min); // read again once presence is complete
            }
            return; // a rewinding partition is read again from its failed record
        }
        meters.update();
        UserUpdate u;
        try {
            Event event = codec.decode(r.value()).event();
            if (!(event instanceof UserUpdate update)) {
                throw new IllegalArgumentException("unexpected " + event.getClass().getSimpleName());
            }
            u = update;
        } catch (RuntimeException e) {
            invalid(Source.UPDATES, r, e);
            pp.begin(r.offset(), r.timestamp(), 0);
            return;
        }
        List<OnlineSession> targets = sessions.of(r.partition(), u.userId()).stream()
                .filter(s -> u.excludeAuthKeyId() == 0 || s.authKeyId() != u.excludeAuthKeyId())
                .toList();
        PartitionProgress.InFlight f = pp.begin(r.offset(), r.timestamp(), targets.size());
        for (OnlineSession s : targets) {
            send(u, s, f);
        }
    }

    private void send(UserUpdate u, OnlineSession s, PartitionProgress.InFlight f) {
        String topic = deliveriesTopic.apply(s.gatewayInstance());
        OptionalInt partitions = topics.partitions(topic);
        if (partitions.isEmpty()) {
            meters.delivery(Outcome.DROPPED);
            f.done();
            return;
        }
        byte[] value = codec.encode(new SessionDelivery(u.userId(), s.authKeyId(), s.sessionId(), 0, u.updates()),
                clock.instant());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic,
                Partitioning.partitionFor(u.userId(), partitions.getAsInt()), Long.toString(s.authKeyId()), value);
        try {
            producer.send(record, (meta, error) -> acknowledged(f, topic, error));
        } catch (KafkaException e) {
            acknowledged(f, topic, e);
        }
    }

    /** On the producer's thread. */
    private void acknowledged(PartitionProgress.InFlight f, String topic, Exception error) {
        if (error == null) {
            meters.delivered(Duration.between(Instant.ofEpochMilli(f.timestamp), clock.instant()));
            f.done();
        } else if (error instanceof RetriableException) {
            log.debug("delivery of {}@{} to {} failed, will retry: {}", updatesTopic, f.offset, topic, error.toString());
            meters.delivery(Outcome.RETRY);
            f.failed(topic);
        } else {
            log.warn("delivery of {}@{} to {} refused: {}", updatesTopic, f.offset, topic, error.toString());
            meters.delivery(Outcome.REJECTED);
            f.done();
        }
    }

    private void settle() {
        for (Map.Entry<Integer, PartitionProgress> e : progress.entrySet()) {
            PartitionProgress pp = e.getValue();
            while (true) {
                PartitionProgress.Step step = pp.settle();
                if (step instanceof PartitionProgress.GaveUp g) {
                    log.warn("giving up {} deliveries of {}-{}@{} after {} retries (to {})", g.record().failures(),
                            updatesTopic, e.getKey(), g.record().offset, properties.deliveryRetries(),
                            g.record().failedTopics());
                    for (int i = 0; i < g.record().failures(); i++) {
                        meters.delivery(Outcome.DROPPED);
                    }
                    g.record().failedTopics().forEach(topics::quarantine);
                    continue;
                }
                if (step instanceof PartitionProgress.Rewind r) {
                    log.info("deliveries of {}-{}@{} failed (to {}); reading it again", updatesTopic, e.getKey(),
                            r.record().offset, r.record().failedTopics());
                    r.record().failedTopics().forEach(topics::forget);
                    consumer.seek(new TopicPartition(updatesTopic, e.getKey()), r.record().offset);
                    pp.rewound(clock.millis() + properties.retryBackoff().toMillis());
                }
                break;
            }
        }
    }

    private void fetchOrPause() {
        long now = clock.millis();
        Set<TopicPartition> paused = consumer.paused();
        progress.forEach((p, pp) -> {
            TopicPartition tp = new TopicPartition(updatesTopic, p);
            boolean fetch = pp.fetching(now);
            if (fetch && paused.contains(tp)) {
                consumer.resume(List.of(tp));
            } else if (!fetch && !paused.contains(tp)) {
                consumer.pause(List.of(tp));
            }
        });
    }

    private void commit(boolean now) {
        long at = clock.millis();
        if (!now && at - lastCommit < properties.commitInterval().toMillis()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        progress.forEach((p, pp) -> {
            long offset = pp.toCommit();
            if (offset >= 0) {
                offsets.put(new TopicPartition(updatesTopic, p), new OffsetAndMetadata(offset));
            }
        });
        lastCommit = at;
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
            offsets.forEach((tp, o) -> {
                PartitionProgress pp = progress.get(tp.partition());
                if (pp != null) {
                    pp.committed(o.offset());
                }
            });
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            log.warn("committing {} failed (the next commit carries it): {}", offsets, e.toString());
        }
    }

    private void invalid(Source source, ConsumerRecord<String, byte[]> r, Exception e) {
        meters.invalid(source);
        log.warn("skipping invalid record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.toString());
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        List<TopicPartition> presence = partitions.stream().filter(tp -> tp.topic().equals(presenceTopic)).toList();
        Set<Integer> presenceOwned = presence.stream().map(TopicPartition::partition).collect(Collectors.toSet());
        if (!presence.isEmpty()) {
            presence.forEach(tp -> sessions.drop(tp.partition()));
            consumer.seekToBeginning(presence);
            consumer.endOffsets(presence).forEach((tp, end) -> presenceEnds.put(tp.partition(), end));
        }
        List<TopicPartition> updates = partitions.stream().filter(tp -> tp.topic().equals(updatesTopic)).toList();
        for (TopicPartition tp : updates) {
            PartitionProgress pp = new PartitionProgress(properties.deliveryRetries());
            progress.put(tp.partition(), pp);
            if (!presenceOwned.contains(tp.partition())) {
                log.error("{} assigned without {}-{}: delivering without its presence (is the assignor the range"
                        + " assignor?)", tp, presenceTopic, tp.partition());
                pp.caughtUp();
            }
        }
        consumer.pause(updates);
        log.info("assigned {}", partitions);
        catchUp();
        fetchOrPause();
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        producer.flush();
        settle();
        commit(true);
        forget(partitions);
        log.info("revoked {}", partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        forget(partitions);
        log.info("lost {}", partitions);
    }

    private void forget(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            if (tp.topic().equals(updatesTopic)) {
                progress.remove(tp.partition());
            } else {
                presenceEnds.remove(tp.partition());
                sessions.drop(tp.partition());
            }
        }
    }

    /** Before the consumer closes: what was sent is acknowledged and committed. */
    private void close() {
        try {
            producer.flush();
            settle();
            commit(true);
        } catch (RuntimeException e) {
            log.warn("final commit of {} failed: {}", updatesTopic, e.toString());
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
