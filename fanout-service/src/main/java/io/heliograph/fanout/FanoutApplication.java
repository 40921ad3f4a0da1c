package io.heliograph.fanout;

import io.heliograph.events.EventCodec;
import io.heliograph.events.Topic;
import io.heliograph.fanout.channels.ChannelFanout;
import io.heliograph.fanout.channels.ChannelInterests;
import io.heliograph.fanout.presence.OnlineSessions;
import io.heliograph.fanout.updates.DeliveryTopics;
import io.heliograph.fanout.updates.UpdateFanout;
import io.heliograph.platform.DcContext;
import io.heliograph.platform.HeliographApplication;
import io.heliograph.platform.HeliographProperties;
import io.heliograph.platform.kafka.ConsumerLoopFailures;
import io.heliograph.platform.kafka.TopicRequirements;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;

/** Delivers updates to the gateway instances that hold each recipient's online sessions. */
@SpringBootApplication
@EnableConfigurationProperties(FanoutProperties.class)
public class FanoutApplication {

    public static final String SERVICE = "fanout-service";

    public static void main(String[] args) {
        HeliographApplication.run(FanoutApplication.class, SERVICE, args);
    }

    /**
     * The consumer group of a DC's fan-out instances: {@code [<namespace>.]dc<N>.fanout-service}, so the DCs of a
     * standalone run (one Kafka) and parallel test runs never share a group.
     */
    public static String groupId(DcContext dc) {
        return (dc.namespace().isEmpty() ? "" : dc.namespace() + ".") + "dc" + dc.dc().value() + "." + SERVICE;
    }

    /** The topics this service produces to or consumes from (see docs/architecture.md). */
    @Bean
    TopicRequirements fanoutTopics() {
        return TopicRequirements.of(Topic.UPDATES, Topic.CHANNEL_POSTS, Topic.PRESENCE, Topic.CHANNEL_INTEREST);
    }

    @Bean
    FanoutMeters fanoutMeters(MeterRegistry registry) {
        return new FanoutMeters(registry);
    }

    @Bean
    OnlineSessions onlineSessions(FanoutMeters meters) {
        OnlineSessions sessions = new OnlineSessions();
        meters.onlineSessions(sessions::count);
        return sessions;
    }

    /** Idempotent, acks=all (platform defaults); one attempt of a delivery is bounded by {@code delivery-timeout}. */
    @Bean(destroyMethod = "close")
    Producer<String, byte[]> fanoutProducer(KafkaProperties kafka, FanoutProperties properties) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        int delivery = (int) properties.deliveryTimeout().toMillis();
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(100, delivery / 2));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) properties.adminTimeout().toMillis());
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @Bean(destroyMethod = "close")
    Admin fanoutAdmin(KafkaProperties kafka) {
        return Admin.create(kafka.buildAdminProperties());
    }

    @Bean
    UpdateFanout updateFanout(KafkaProperties kafka, Producer<String, byte[]> producer, Admin admin, DcContext dc,
            HeliographProperties heliograph, OnlineSessions sessions, FanoutMeters meters, FanoutProperties properties,
            Clock clock, EventCodec codec, ConsumerLoopFailures failures) {
        DeliveryTopics topics = new DeliveryTopics(admin, heliograph.kafka().partitions(),
                heliograph.kafka().replicationFactor(), properties.adminTimeout(), properties.quarantine(), clock);
        return new UpdateFanout(() -> consumer(kafka, groupId(dc)), producer, dc.topic(Topic.UPDATES),
                dc.topic(Topic.PRESENCE), instance -> dc.topics().gatewayDeliveries(dc.dc(), instance), topics,
                sessions, meters, properties, clock, codec, failures);
    }

    @Bean
    ChannelInterests channelInterests() {
        return new ChannelInterests();
    }

    /** Channel posts, once per interested gateway instance (its own group: posts do not wait for user updates). */
    @Bean
    ChannelFanout channelFanout(KafkaProperties kafka, Producer<String, byte[]> producer, Admin admin, DcContext dc,
            HeliographProperties heliograph, FanoutProperties properties, MeterRegistry meters, Clock clock,
            ChannelInterests interests, ConsumerLoopFailures failures) {
        DeliveryTopics topics = new DeliveryTopics(admin, heliograph.kafka().partitions(),
                heliograph.kafka().replicationFactor(), properties.adminTimeout(), properties.quarantine(), clock);
        return new ChannelFanout(() -> consumer(kafka, groupId(dc) + ".channels"), () -> plainConsumer(kafka), producer,
                dc.topic(Topic.CHANNEL_POSTS), dc.topic(Topic.CHANNEL_INTEREST),
                instance -> dc.topics().gatewayDeliveries(dc.dc(), instance), topics, interests, meters, clock, failures);
    }

    /** A consumer without a group, for assigned partitions (the channel-interest reader). Public: the fan-out benchmark wires it. */
    public static KafkaConsumer<String, byte[]> plainConsumer(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned partitions: every instance reads all interest
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** A group consumer: range assignor, no auto-commit, from the earliest offset. Public: the fan-out benchmark wires it. */
    public static KafkaConsumer<String, byte[]> consumer(KafkaProperties kafka, String group) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
