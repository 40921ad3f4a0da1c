package io.heliograph.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heliograph.events.ChannelInterest;
import io.heliograph.events.ChannelPost;
import io.heliograph.events.EventCodec;
import io.heliograph.events.Partitioning;
import io.heliograph.events.SessionDelivery;
import io.heliograph.events.Topic;
import io.heliograph.fanout.channels.ChannelInterests;
import io.heliograph.platform.DcContext;
import io.heliograph.testsupport.RealInfrastructure;
import io.heliograph.testsupport.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The channel path of fanout-service against the real Kafka: interest of fake gateway instances on
 * {@code channel-interest}, posts on {@code channel-posts}, and what arrives on the instances' deliveries topics: each
 * post once per interested instance, nothing for an instance that withdrew its interest.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + FanoutApplication.SERVICE, "spring.application.name=" + FanoutApplication.SERVICE,
                "heliograph.dc=4"})
@RealInfrastructure
class ChannelFanoutIT {

    private static final int PARTITIONS = 2; // heliograph.kafka.partitions of @RealInfrastructure
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final EventCodec CODEC = new EventCodec();

    private static KafkaProducer<String, byte[]> producer;
    private static Admin admin;

    @Autowired
    DcContext dc;

    @Autowired
    ChannelInterests interests;

    @BeforeAll
    static void clients() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap()));
    }

    @AfterAll
    static void closeClients() {
        producer.close();
        admin.close();
    }

    @Test
    void eachPostGoesOnceToEveryInterestedGatewayInstance() throws Exception {
        long channel = (1L << 20) + ThreadLocalRandom.current().nextLong((1L << 31) - (1L << 20));
        interest(channel, "g1", true);
        interest(channel, "g2", true);
        interest(channel, "g3", true);
        interest(channel, "g3", false); // its last online member went away
        await().atMost(WAIT).until(() -> interests.of(channel).equals(Set.of("g1", "g2")));

        post(channel, 2);
        awaitCommitted(post(channel, 3));

        for (String gateway : List.of("g1", "g2")) {
            // read again while a deliveries topic created a moment ago does not yet show its records to a new reader
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                List<SessionDelivery> got = deliveries(gateway, channel);
                assertThat(got).extracting(d -> new String(d.body(), StandardCharsets.UTF_8))
                        .containsExactly(body(channel, 2), body(channel, 3));
                assertThat(got).allSatisfy(d -> {
                    assertThat(d.userId()).isZero();
                    assertThat(d.authKeyId()).isZero();
                    assertThat(d.rpcRequestMsgId()).isZero();
                });
            });
        }
        assertThat(deliveries("g3", channel)).isEmpty();
    }

    private static String body(long channel, int pts) {
        return "post of " + channel + " at pts " + pts;
    }

    private void interest(long channel, String gateway, boolean interested) throws Exception {
        producer.send(new ProducerRecord<>(dc.topic(Topic.CHANNEL_INTEREST), Partitioning.partitionFor(channel, PARTITIONS),
                channel + ":" + gateway, CODEC.encode(new ChannelInterest(channel, gateway, interested), Instant.now())))
                .get(10, TimeUnit.SECONDS);
    }

    private RecordMetadata post(long channel, int pts) throws Exception {
        return producer.send(new ProducerRecord<>(dc.topic(Topic.CHANNEL_POSTS), Partitioning.partitionFor(channel, PARTITIONS),
                Long.toString(channel), CODEC.encode(new ChannelPost(channel, pts, 1,
                        body(channel, pts).getBytes(StandardCharsets.UTF_8)), Instant.now()))).get(10, TimeUnit.SECONDS);
    }

    /** Fan-out committed past the post: its deliveries were acknowledged. */
    private void awaitCommitted(RecordMetadata record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(FanoutApplication.groupId(dc)
                    + ".channels").partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            OffsetAndMetadata o = committed.get(tp);
            return o != null && o.offset() > record.offset();
        });
    }

    /** Every channel delivery of the channel on a gateway instance's topic, from the beginning to the end. */
    private List<SessionDelivery> deliveries(String gateway, long channel) throws Exception {
        String topic = dc.topics().gatewayDeliveries(dc.dc(), gateway);
        if (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic)) {
            return List.of();
        }
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        List<SessionDelivery> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                assertThat(System.nanoTime()).as("read " + topic + " to its end").isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    SessionDelivery d = (SessionDelivery) CODEC.decode(r.value()).event();
                    if (d.channelId() != null && d.channelId() == channel) {
                        assertThat(r.key()).isEqualTo(Long.toString(channel));
                        found.add(d);
                    }
                }
            }
        }
        return found;
    }
}
