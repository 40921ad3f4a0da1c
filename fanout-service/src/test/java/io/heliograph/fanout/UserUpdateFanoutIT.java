package io.heliograph.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heliograph.events.EventCodec;
import io.heliograph.events.Partitioning;
import io.heliograph.events.SessionDelivery;
import io.heliograph.events.SessionPresence;
import io.heliograph.events.Topic;
import io.heliograph.events.UserUpdate;
import io.heliograph.fanout.presence.OnlineSessions;
import io.heliograph.platform.DcContext;
import io.heliograph.platform.HeliographApplication;
import io.heliograph.testsupport.RealInfrastructure;
import io.heliograph.testsupport.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

/**
 * fanout-service against the real Kafka: presence of fake gateway instances g1 and g2 on {@code presence}, user
 * updates on {@code updates}, and what arrives on the instances' deliveries topics, read with a plain consumer.
 * Each test has its own users, so the tests share the one application (restarted by the last one).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + FanoutApplication.SERVICE, "spring.application.name=" + FanoutApplication.SERVICE,
                "heliograph.dc=3", "heliograph.fanout.delivery-timeout=3s", "heliograph.fanout.retry-backoff=200ms"})
@RealInfrastructure
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UserUpdateFanoutIT {

    private static final int PARTITIONS = 2; // heliograph.kafka.partitions of @RealInfrastructure
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final EventCodec CODEC = new EventCodec();

    private static KafkaProducer<String, byte[]> producer;
    private static Admin admin;

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    DcContext dc;

    @Autowired
    OnlineSessions sessions;

    @Autowired
    FanoutMeters meters;

    /** A delivery as read: its record key and fields (the body as text, so that records compare by value). */
    record Delivered(String key, long userId, long authKeyId, long sessionId, long rpcRequestMsgId, String body) {

        static Delivered of(String key, SessionDelivery d) {
            return new Delivered(key, d.userId(), d.authKeyId(), d.sessionId(), d.rpcRequestMsgId(),
                    new String(d.body(), StandardCharsets.UTF_8));
        }
    }

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
    @Order(1)
    void deliversEachUpdateToEveryOnlineSessionExceptTheExcludedKey() throws Exception {
        long u = newUser();
        presence(u, 1001, 11, "g1", true);
        presence(u, 1002, 21, "g2", true);
        presence(u, 1003, 31, "g2", true);
        presence(u, 1003, 31, "g2", false);
        awaitOnline(sessions, u, 2);

        update(u, 1, 0);
        update(u, 2, 1001); // the sender's own device already has it
        awaitCommitted(update(u, 3, 0));

        assertThat(deliveries("g1", u)).containsExactly(
                expected(u, 1001, 11, 1),
                expected(u, 1001, 11, 3));
        assertThat(deliveries("g2", u)).containsExactly(
                expected(u, 1002, 21, 1),
                expected(u, 1002, 21, 2),
                expected(u, 1002, 21, 3));
    }

    @Test
    @Order(2)
    void aUserWithoutOnlineSessionsGetsNothing() throws Exception {
        long v = newUser();
        presence(v, 2001, 41, "g1", true);
        presence(v, 2001, 41, "g1", false);
        long w = newUser();
        presence(w, 2002, 42, "g1", true);
        awaitOnline(sessions, w, 1);
        assertThat(sessions.of(v)).isEmpty();

        awaitCommitted(update(v, 1, 0));
        awaitCommitted(update(w, 1, 0)); // g1's topic exists and is read to its end below

        assertThat(deliveries("g1", w)).containsExactly(expected(w, 2002, 42, 1));
        assertThat(deliveries("g1", v)).isEmpty();
        assertThat(deliveries("g2", v)).isEmpty();
    }

    @Test
    @Order(3)
    void skipsRecordsItCannotReadAndDeliversTheNextOnes() throws Exception {
        long u = newUser();
        presence(u, 3001, 51, "g1", true);
        awaitOnline(sessions, u, 1);
        double invalid = meters.invalidCount(FanoutMeters.Source.UPDATES);

        int partition = Partitioning.partitionFor(u, PARTITIONS);
        String updates = dc.topic(Topic.UPDATES);
        producer.send(new ProducerRecord<>(updates, partition, Long.toString(u),
                "{not json".getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
        producer.send(new ProducerRecord<>(updates, partition, Long.toString(u),
                CODEC.encode(new SessionPresence(u, 3001, 51, "g1", true), Instant.now()))).get(10, TimeUnit.SECONDS);
        awaitCommitted(update(u, 7, 0));

        assertThat(deliveries("g1", u)).containsExactly(expected(u, 3001, 51, 7));
        assertThat(meters.invalidCount(FanoutMeters.Source.UPDATES)).isEqualTo(invalid + 2);
    }

    @Test
    @Order(4)
    void aDeliveryKafkaRefusesIsCountedAndHoldsUpNothing() throws Exception {
        String tooSmall = dc.topics().gatewayDeliveries(dc.dc(), "gsmall"); // takes no record of the size of ours
        admin.createTopics(List.of(new NewTopic(tooSmall, PARTITIONS, (short) 1)
                .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "64")))).all().get(10, TimeUnit.SECONDS);
        long u = newUser();
        presence(u, 5001, 71, "gsmall", true);
        presence(u, 5002, 72, "g1", true);
        awaitOnline(sessions, u, 2);
        double rejected = meters.count(FanoutMeters.Outcome.REJECTED);

        update(u, 1, 0);
        awaitCommitted(update(u, 2, 0));

        assertThat(deliveries("g1", u)).containsExactly(expected(u, 5002, 72, 1), expected(u, 5002, 72, 2));
        assertThat(deliveries("gsmall", u)).isEmpty();
        assertThat(meters.count(FanoutMeters.Outcome.REJECTED)).isEqualTo(rejected + 2);
    }

    @Test
    @Order(5)
    void aDeliveriesTopicDeletedUnderItIsCreatedAgainAndTheFailedRecordRetried() throws Exception {
        long u = newUser();
        presence(u, 6001, 81, "gdeleted", true);
        awaitOnline(sessions, u, 1);
        awaitCommitted(update(u, 1, 0));
        String topic = dc.topics().gatewayDeliveries(dc.dc(), "gdeleted");
        assertThat(deliveries("gdeleted", u)).containsExactly(expected(u, 6001, 81, 1));

        admin.deleteTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> !admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic));
        double retries = meters.count(FanoutMeters.Outcome.RETRY);

        awaitCommitted(update(u, 2, 0));

        assertThat(meters.count(FanoutMeters.Outcome.RETRY)).isGreaterThan(retries);
        assertThat(deliveries("gdeleted", u).stream().distinct()).containsExactly(expected(u, 6001, 81, 2));
    }

    @Test
    @Order(6)
    void aNewInstanceRebuildsPresenceFromTheCompactedTopicAndDeliversOn() throws Exception {
        long u = newUser();
        presence(u, 4001, 61, "g2", true);
        presence(u, 4002, 62, "g1", true);
        tombstone(u, 4002, 62);
        awaitOnline(sessions, u, 1);
        awaitCommitted(update(u, 1, 0));

        context.stop(); // this instance goes away: its consumer leaves the group (the test framework closes it later)
        // arguments, not builder properties: those rank below the platform defaults, which name the dev Kafka
        try (ConfigurableApplicationContext next = HeliographApplication.builder(FanoutApplication.class, FanoutApplication.SERVICE)
                .run("--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrap(),
                        "--spring.cassandra.contact-points=" + TestInfrastructure.cassandraContact(),
                        "--heliograph.namespace=" + TestInfrastructure.namespace(), "--heliograph.dc=3",
                        "--heliograph.kafka.partitions=" + PARTITIONS, "--server.port=0")) {
            assertThat(next.getEnvironment().getProperty("spring.kafka.bootstrap-servers")).isEqualTo(TestInfrastructure.kafkaBootstrap());
            // sent at once: the new owner holds the partition until its presence has been read again
            awaitCommitted(update(u, 2, 0));

            assertThat(next.getBean(OnlineSessions.class).of(u)).hasSize(1);
            assertThat(deliveries("g2", u)).containsExactly(
                    expected(u, 4001, 61, 1),
                    expected(u, 4001, 61, 2));
            assertThat(deliveries("g1", u)).isEmpty();
        }
    }

    private static long newUser() {
        return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    }

    private static byte[] body(long user, int pts) {
        return ("updates of " + user + " at pts " + pts).getBytes(StandardCharsets.UTF_8);
    }

    private static Delivered expected(long user, long authKey, long session, int pts) {
        return Delivered.of(Long.toString(authKey), new SessionDelivery(user, authKey, session, 0, body(user, pts)));
    }

    private void presence(long user, long authKey, long session, String gateway, boolean online) throws Exception {
        producer.send(new ProducerRecord<>(dc.topic(Topic.PRESENCE), Partitioning.partitionFor(user, PARTITIONS),
                user + ":" + authKey + ":" + session,
                CODEC.encode(new SessionPresence(user, authKey, session, gateway, online), Instant.now())))
                .get(10, TimeUnit.SECONDS);
    }

    private void tombstone(long user, long authKey, long session) throws Exception {
        producer.send(new ProducerRecord<String, byte[]>(dc.topic(Topic.PRESENCE), Partitioning.partitionFor(user, PARTITIONS),
                user + ":" + authKey + ":" + session, null)).get(10, TimeUnit.SECONDS);
    }

    private RecordMetadata update(long user, int pts, long excludeAuthKeyId) throws Exception {
        return producer.send(new ProducerRecord<>(dc.topic(Topic.UPDATES), Partitioning.partitionFor(user, PARTITIONS),
                Long.toString(user),
                CODEC.encode(new UserUpdate(user, pts, 1, body(user, pts), excludeAuthKeyId), Instant.now())))
                .get(10, TimeUnit.SECONDS);
    }

    private static void awaitOnline(OnlineSessions sessions, long user, int count) {
        await().atMost(WAIT).until(() -> sessions.of(user).size() == count);
    }

    /** Fan-out committed past the record: every delivery of it was acknowledged. */
    private void awaitCommitted(RecordMetadata record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(FanoutApplication.groupId(dc))
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            OffsetAndMetadata o = committed.get(tp);
            return o != null && o.offset() > record.offset();
        });
    }

    /** Every delivery for the user on a gateway instance's topic, read from the beginning to the end. */
    private List<Delivered> deliveries(String gateway, long user) throws Exception {
        String topic = dc.topics().gatewayDeliveries(dc.dc(), gateway);
        if (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic)) {
            return List.of();
        }
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
        assertThat(description.partitions()).hasSize(PARTITIONS);
        List<TopicPartition> partitions = description.partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        List<Delivered> found = new ArrayList<>();
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
                    if (d.userId() == user) {
                        found.add(Delivered.of(r.key(), d));
                    }
                }
            }
        }
        return found;
    }
}
