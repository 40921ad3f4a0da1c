package io.heliograph.fanout.channels;

import io.heliograph.events.ChannelInterest;
import io.heliograph.events.ChannelPost;
import io.heliograph.events.EventCodec;
import io.heliograph.events.EventEnvelope;
import io.heliograph.events.Partitioning;
import io.heliograph.events.SessionDelivery;
import io.heliograph.fanout.updates.DeliveryTopics;
import io.heliograph.platform.kafka.ConsumerLoopFailures;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The first level of channel fan-out (docs/architecture.md, "Channel posts"): each {@link ChannelPost} (read in the
 * fan-out group from {@code channel-posts}) goes once to every gateway instance interested in its channel, as a
 * {@link SessionDelivery#channelPost} on that instance's deliveries topic (key and partition by channel, so a
 * channel's posts stay in order); the gateway expands it to its online member sessions. Interest is the whole
 * compacted {@code channel-interest} topic, read by every fan-out instance from the beginning (one row per channel
 * and gateway with online members: small); posts wait until it has been read to its end once. A post is committed
 * after its deliveries are acknowledged; a delivery Kafka fails is counted and dropped (members then catch up by
 * {@code updates.getChannelDifference}).
 */
public final class ChannelFanout implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChannelFanout.class);

    private final Supplier<Consumer<String, byte[]>> groupConsumers;
    private final Supplier<Consumer<String, byte[]>> plainConsumers;
    private final Producer<String, byte[]> producer;
    private final String postsTopic;
    private final String interestTopic;
    private final Function<String, String> deliveriesTopic;
    private final DeliveryTopics topics;
    private final ChannelInterests interests;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ConsumerLoopFailures failures;
    private final EventCodec codec = new EventCodec();
    private volatile boolean running;
    private volatile boolean interestLoaded;
    private volatile Consumer<String, byte[]> posts;
    private volatile Consumer<String, byte[]> interest;
    private final List<Thread> threads = new ArrayList<>();

    public ChannelFanout(Supplier<Consumer<String, byte[]>> groupConsumers, Supplier<Consumer<String, byte[]>> plainConsumers,
            Producer<String, byte[]> producer, String postsTopic, String interestTopic,
            Function<String, String> deliveriesTopic, DeliveryTopics topics, ChannelInterests interests,
            MeterRegistry meters, Clock clock, ConsumerLoopFailures failures) {
        this.groupConsumers = groupConsumers;
        this.plainConsumers = plainConsumers;
        this.producer = producer;
        this.postsTopic = postsTopic;
        this.interestTopic = interestTopic;
        this.deliveriesTopic = deliveriesTopic;
        this.topics = topics;
        this.interests = interests;
        this.meters = meters;
        this.clock = clock;
        this.failures = failures;
    }

    @Override
    public void start() {
        running = true;
        interest = plainConsumers.get();
        posts = groupConsumers.get();
        threads.add(thread("channel-interest", this::readInterest));
        threads.add(thread("channel-posts", this::readPosts));
    }

    private Thread thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void readInterest() {
        Consumer<String, byte[]> c = interest;
        try {
            List<TopicPartition> partitions = List.of();
            while (running && partitions.isEmpty()) { // a topic created a moment ago may not be in the metadata yet
                partitions = c.partitionsFor(interestTopic).stream()
                        .map(p -> new TopicPartition(interestTopic, p.partition())).toList();
                if (partitions.isEmpty()) {
                    Thread.sleep(200);
                }
            }
            if (!running) {
                return;
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    try {
                        EventEnvelope e = codec.decode(r.value());
                        if (e.event() instanceof ChannelInterest i) {
                            interests.apply(i);
                        }
                    } catch (RuntimeException e) {
                        log.warn("channel-interest {}:{} skipped: {}", r.partition(), r.offset(), e.toString());
                    }
                }
                if (!interestLoaded && partitions.stream().allMatch(p -> c.position(p) >= end.get(p))) {
                    interestLoaded = true;
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("channel-interest reader stopped", e);
            if (running) {
                failures.failed("channel-interest", e);
            }
        } finally {
            c.close(Duration.ofSeconds(5));
        }
    }

    private void readPosts() {
        Consumer<String, byte[]> c = posts;
        try {
            while (running && !interestLoaded) {
                Thread.sleep(50);
            }
            c.subscribe(List.of(postsTopic));
            while (running) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                List<Future<RecordMetadata>> sends = new ArrayList<>();
                Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
                for (ConsumerRecord<String, byte[]> r : records) {
                    sends.addAll(fanOut(r));
                    commit.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                }
                for (Future<RecordMetadata> f : sends) {
                    try {
                        f.get(30, TimeUnit.SECONDS);
                        meters.counter("heliograph.fanout.channel.deliveries", "outcome", "sent").increment();
                    } catch (ExecutionException | TimeoutException e) {
                        meters.counter("heliograph.fanout.channel.deliveries", "outcome", "dropped").increment();
                        log.warn("channel post delivery dropped: {}", e.toString());
                    }
                }
                c.commitSync(commit);
            }
        } catch (WakeupException e) {
            // stopping
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("channel-posts reader stopped", e);
            if (running) {
                failures.failed("channel-posts", e);
            }
        } finally {
            c.close(Duration.ofSeconds(5));
        }
    }

    /** The deliveries of one post: one per interested gateway instance. */
    List<Future<RecordMetadata>> fanOut(ConsumerRecord<String, byte[]> r) {
        ChannelPost post;
        try {
            EventEnvelope e = codec.decode(r.value());
            if (!(e.event() instanceof ChannelPost p)) {
                log.warn("channel-posts {}:{} carries {}, skipped", r.partition(), r.offset(), e.type());
                return List.of();
            }
            post = p;
        } catch (RuntimeException e) {
            log.warn("channel-posts {}:{} skipped: {}", r.partition(), r.offset(), e.toString());
            meters.counter("heliograph.fanout.invalid", "topic", "channel-posts").increment();
            return List.of();
        }
        meters.counter("heliograph.fanout.channel.posts").increment();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        byte[] value = codec.encode(SessionDelivery.channelPost(post.channelId(), post.updates()), clock.instant());
        for (String instance : interests.of(post.channelId())) {
            String topic = deliveriesTopic.apply(instance);
            OptionalInt n;
            synchronized (topics) {
                n = topics.partitions(topic);
            }
            if (n.isEmpty()) {
                meters.counter("heliograph.fanout.channel.deliveries", "outcome", "dropped").increment();
                continue;
            }
            sends.add(producer.send(new ProducerRecord<>(topic, Partitioning.partitionFor(post.channelId(), n.getAsInt()),
                    Long.toString(post.channelId()), value)));
        }
        return sends;
    }

    @Override
    public void stop() {
        running = false;
        Consumer<String, byte[]> p = posts;
        Consumer<String, byte[]> i = interest;
        if (p != null) {
            p.wakeup();
        }
        if (i != null) {
            i.wakeup();
        }
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
