package io.heliograph.benchmarks.channels;

import io.heliograph.events.ChannelPost;
import io.heliograph.events.DcId;
import io.heliograph.events.EventCodec;
import io.heliograph.events.Partitioning;
import io.heliograph.events.Topic;
import io.heliograph.events.TopicNames;
import io.heliograph.fanout.FanoutApplication;
import io.heliograph.fanout.FanoutProperties;
import io.heliograph.fanout.channels.ChannelFanout;
import io.heliograph.fanout.channels.ChannelInterests;
import io.heliograph.fanout.updates.DeliveryTopics;
import io.heliograph.gateway.GatewayApplication;
import io.heliograph.gateway.kafka.TopicTail;
import io.heliograph.platform.DcContext;
import io.heliograph.platform.HeliographProperties;
import io.heliograph.platform.kafka.ConsumerLoopFailures;
import io.heliograph.platform.kafka.KafkaPlatformAutoConfiguration;
import io.heliograph.platform.kafka.TopicPartitions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * The part of a channel post's path that {@link ChannelFanoutLoad}'s {@code --kafka} mode adds, on a real broker: the
 * post produced to {@code channel-posts} as message-service produces it, fanout-service's {@link ChannelFanout} (wired
 * as {@link FanoutApplication} wires it, reading the interest the gateway announced on {@code channel-interest}), the
 * instance's deliveries topic, and the gateway's {@link TopicTail} on it. Every topic is in a namespace of its own
 * ({@code bench<random>.dc1.*}), created as the platform creates it and deleted by {@link #close}. Kafka settings are
 * the platform's ({@code heliograph-platform-defaults.properties}, bound as a service binds them), with the bootstrap
 * servers given. Also measures the baseline: one record of a post's size, produced and consumed through the broker.
 */
final class KafkaPath implements AutoCloseable {

    private static final DcId DC = DcId.of(1);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final DcContext dc;
    private final HeliographProperties platform;
    private final KafkaProperties kafka;
    private final Clock clock;
    private final Admin admin;
    private final List<String> topics = new ArrayList<>();
    private final String postsTopic;
    private final String interestTopic;
    private final String deliveriesTopic;
    private final String baselineTopic;
    private final String fanoutGroup;
    private final EventCodec codec = new EventCodec();
    private final MeterRegistry fanoutMeters = new SimpleMeterRegistry();
    private final ChannelInterests interests = new ChannelInterests();
    private final SecureRandom random = new SecureRandom();
    private Producer<String, byte[]> gatewayProducer;
    private Producer<String, byte[]> messageProducer;
    private Producer<String, byte[]> fanoutProducer;
    private Admin fanoutAdmin;
    private ChannelFanout fanout;
    private TopicTail deliveries;
    private org.apache.kafka.clients.consumer.Consumer<String, byte[]> baselineReader;
    private int postPartitions;
    private boolean closed;

    private KafkaPath(String bootstrap, String instance, Clock clock) {
        this.clock = clock;
        byte[] id = new byte[5];
        random.nextBytes(id);
        String namespace = "bench" + HexFormat.of().formatHex(id); // the platform's namespaces: [a-z0-9_]{0,24}
        platform = bind("heliograph", HeliographProperties.class,
                Map.of("heliograph.namespace", namespace, "heliograph.instance-id", instance));
        dc = DcContext.of(platform);
        kafka = platformKafka(bootstrap);
        admin = Admin.create(kafka.buildAdminProperties());
        postsTopic = dc.topic(Topic.CHANNEL_POSTS);
        interestTopic = dc.topic(Topic.CHANNEL_INTEREST);
        deliveriesTopic = dc.topics().gatewayDeliveries(DC, instance);
        baselineTopic = namespace + ".dc" + DC.value() + ".baseline";
        fanoutGroup = FanoutApplication.groupId(dc) + ".channels";
    }

    /**
     * Creates the run's topics: {@code channel-posts} and {@code channel-interest} (fanout-service's and the
     * gateway's {@code TopicRequirements}), the gateway instance's deliveries topic (its {@code ownGatewayDeliveries}),
     * each with the platform's partition count and configuration, and a one-partition topic for the baseline.
     */
    static KafkaPath open(String bootstrap, String instance, Clock clock) throws Exception {
        KafkaPath k = new KafkaPath(bootstrap, instance, clock);
        Runtime.getRuntime().addShutdownHook(new Thread(k::close, "kafka-path-cleanup")); // also on ^C
        try {
            k.create(List.of(k.topic(k.postsTopic, Topic.CHANNEL_POSTS), k.topic(k.interestTopic, Topic.CHANNEL_INTEREST),
                    k.topic(k.deliveriesTopic, Topic.GATEWAY_DELIVERIES),
                    new NewTopic(k.baselineTopic, 1, k.platform.kafka().replicationFactor())));
            k.gatewayProducer = new KafkaProducer<>(k.kafka.buildProducerProperties(), new StringSerializer(),
                    new ByteArraySerializer());
            k.messageProducer = new KafkaProducer<>(k.kafka.buildProducerProperties(), new StringSerializer(),
                    new ByteArraySerializer());
            k.postPartitions = awaitPartitions(k.messageProducer, k.postsTopic);
        } catch (Exception | Error e) {
            k.close();
            throw e;
        }
        return k;
    }

    String namespace() {
        return platform.namespace();
    }

    String deliveriesTopic() {
        return deliveriesTopic;
    }

    /** The gateway's producer (GatewayApplication's {@code gatewayProducer}): its ChannelMemberships announces interest here. */
    Producer<String, byte[]> gatewayProducer() {
        return gatewayProducer;
    }

    String interestTopic() {
        return interestTopic;
    }

    /** The platform's producer settings, as every service's producer gets them. */
    String producerSettings() {
        Map<String, Object> p = kafka.buildProducerProperties();
        return ProducerConfig.ACKS_CONFIG + "=" + p.get(ProducerConfig.ACKS_CONFIG) + ", "
                + ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG + "=" + p.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG) + ", "
                + ProducerConfig.LINGER_MS_CONFIG + "=" + p.get(ProducerConfig.LINGER_MS_CONFIG);
    }

    int partitions() {
        return platform.kafka().partitions();
    }

    /**
     * Starts the first level (fanout-service's {@link ChannelFanout}) and the gateway's deliveries tail, which hands
     * every record of the instance's deliveries topic to {@code handler} (the gateway's DeliveryConsumer), as
     * GatewayApplication wires them. The tail reads from the end, as of when this returns.
     */
    void start(Consumer<ConsumerRecord<String, byte[]>> handler) {
        FanoutProperties properties = bind("heliograph.fanout", FanoutProperties.class, Map.of());
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        int delivery = (int) properties.deliveryTimeout().toMillis();
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(100, delivery / 2));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) properties.adminTimeout().toMillis());
        fanoutProducer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        fanoutAdmin = Admin.create(kafka.buildAdminProperties());
        DeliveryTopics delivered = new DeliveryTopics(fanoutAdmin, platform.kafka().partitions(),
                platform.kafka().replicationFactor(), properties.adminTimeout(), properties.quarantine(), clock);
        fanout = new ChannelFanout(() -> FanoutApplication.consumer(kafka, fanoutGroup), () -> FanoutApplication.plainConsumer(kafka), fanoutProducer, postsTopic,
                interestTopic, instance -> dc.topics().gatewayDeliveries(dc.dc(), instance), delivered, interests,
                fanoutMeters, clock, ConsumerLoopFailures.detached());
        fanout.start();
        deliveries = new TopicTail(() -> GatewayApplication.consumer(kafka), deliveriesTopic, handler, ConsumerLoopFailures.detached());
        deliveries.start();
        baselineReader = GatewayApplication.consumer(kafka); // read as the gateway's tail reads
        List<TopicPartition> p = TopicPartitions.await(baselineReader, baselineTopic, ADMIN_TIMEOUT);
        baselineReader.assign(p);
        baselineReader.seekToEnd(p);
        p.forEach(baselineReader::position);
    }

    /**
     * Waits until fanout-service knows the instance is interested in the channel (its interest record went through
     * {@code channel-interest}) and its {@code channel-posts} consumer has its partitions, so a post is read at once.
     */
    void awaitReady(long channel, String instance, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!interests.of(channel).contains(instance)) {
            check(deadline, "fanout-service did not learn the interest of " + instance + " in channel " + channel
                    + " from " + interestTopic);
            Thread.sleep(20);
        }
        while (!assigned()) {
            check(deadline, "the channel-posts consumer of " + fanoutGroup + " has no partitions");
            Thread.sleep(100);
        }
    }

    private boolean assigned() throws Exception {
        ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(fanoutGroup)).all()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(fanoutGroup);
        return g.groupState() == GroupState.STABLE
                && g.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum() == postPartitions;
    }

    private static void check(long deadline, String what) throws TimeoutException {
        if (System.nanoTime() - deadline >= 0) {
            throw new TimeoutException(what);
        }
    }

    /** A channel post as message-service produces it ({@code Outputs.channelPost}); returns at once, as send does. */
    void post(long channel, int pts, int ptsCount, byte[] updates) {
        messageProducer.send(postRecord(channel, pts, ptsCount, updates));
    }

    /** The encoded size of such a post (key and value), for a baseline record of the same size. */
    int postSize(long channel, int pts, int ptsCount, byte[] updates) {
        ProducerRecord<String, byte[]> r = postRecord(channel, pts, ptsCount, updates);
        return r.key().length() + r.value().length;
    }

    private ProducerRecord<String, byte[]> postRecord(long channel, int pts, int ptsCount, byte[] updates) {
        return new ProducerRecord<>(postsTopic, Partitioning.partitionFor(channel, postPartitions), Long.toString(channel),
                codec.encode(new ChannelPost(channel, pts, ptsCount, updates), clock.instant()));
    }

    /**
     * Baseline: {@code n} records of {@code size} bytes (key as a post's), one at a time, each produced with the
     * post producer and read by a consumer configured as the gateway's tail; the median time from send to the record
     * returned by poll, in ms.
     */
    double roundTripMs(int size, int n, long channel) throws TimeoutException {
        String key = Long.toString(channel);
        byte[] value = new byte[Math.max(0, size - key.length())];
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            random.nextBytes(value);
            long t0 = System.nanoTime();
            messageProducer.send(new ProducerRecord<>(baselineTopic, 0, key, value));
            boolean seen = false;
            while (!seen) {
                for (ConsumerRecord<String, byte[]> r : baselineReader.poll(Duration.ofMillis(500))) {
                    seen |= Arrays.equals(r.value(), value);
                }
                check(t0 + Duration.ofSeconds(30).toNanos(), "baseline record not read back from " + baselineTopic);
            }
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[n / 2];
    }

    /** fanout-service's meters: posts read, deliveries sent and dropped. */
    String fanoutCounts() {
        return String.format("fanout-service read %.0f posts, sent %.0f deliveries, dropped %.0f",
                count("heliograph.fanout.channel.posts", null),
                count("heliograph.fanout.channel.deliveries", "sent"),
                count("heliograph.fanout.channel.deliveries", "dropped"));
    }

    private double count(String name, String outcome) {
        var search = fanoutMeters.find(name);
        Counter c = (outcome == null ? search : search.tag("outcome", outcome)).counter();
        return c == null ? 0 : c.count();
    }

    /** Stops the readers, closes the clients and deletes the run's topics and fan-out group. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (deliveries != null) {
            deliveries.stop();
        }
        if (fanout != null) {
            fanout.stop();
        }
        for (AutoCloseable c : new AutoCloseable[] {baselineReader, gatewayProducer, messageProducer, fanoutProducer,
                fanoutAdmin}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("closing " + c.getClass().getSimpleName() + ": " + e);
                }
            }
        }
        try {
            if (!topics.isEmpty()) {
                admin.deleteTopics(topics).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            System.out.printf("kafka: deleted the run's %d topics (%s.*)%n", topics.size(), platform.namespace());
            if (fanout != null) {
                admin.deleteConsumerGroups(List.of(fanoutGroup)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("kafka: clean-up of " + platform.namespace() + ".* incomplete: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            admin.close(Duration.ofSeconds(5));
        }
    }

    // ---- configuration and clients, as the services make them -----------------------------------------------

    private NewTopic topic(String name, Topic topic) {
        return KafkaPlatformAutoConfiguration.newTopic(name, topic, platform.kafka().partitions(),
                platform.kafka().replicationFactor());
    }

    private void create(List<NewTopic> newTopics) throws Exception {
        newTopics.forEach(t -> topics.add(t.name())); // deleted at the end even if creation fails half-way
        admin.createTopics(newTopics).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static int awaitPartitions(Producer<String, byte[]> producer, String topic) throws Exception {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            int n = producer.partitionsFor(topic).size();
            if (n > 0) {
                return n;
            }
            check(deadline, topic + " shows no partitions");
            Thread.sleep(100);
        }
    }

    /** {@code spring.kafka.*} of the platform defaults, bound as a service binds them, with the given bootstrap servers. */
    private static KafkaProperties platformKafka(String bootstrap) {
        Properties defaults;
        try {
            defaults = PropertiesLoaderUtils.loadProperties(new ClassPathResource("heliograph-platform-defaults.properties"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> kafka = new HashMap<>();
        defaults.stringPropertyNames().stream().filter(k -> k.startsWith("spring.kafka."))
                .forEach(k -> kafka.put(k, defaults.getProperty(k)));
        kafka.put("spring.kafka.bootstrap-servers", bootstrap);
        return bind("spring.kafka", KafkaProperties.class, kafka);
    }

    private static <T> T bind(String prefix, Class<T> type, Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate(prefix, type);
    }
}
