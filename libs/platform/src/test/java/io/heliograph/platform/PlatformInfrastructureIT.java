package io.heliograph.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import io.heliograph.events.BoxCommand;
import io.heliograph.events.DcId;
import io.heliograph.events.EventCodec;
import io.heliograph.events.EventEnvelope;
import io.heliograph.events.Partitioning;
import io.heliograph.events.Topic;
import io.heliograph.events.TopicNames;
import io.heliograph.platform.cassandra.CassandraMigrator;
import io.heliograph.platform.kafka.KafkaHealthIndicator;
import io.heliograph.testsupport.TestInfrastructure;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/** The platform's building blocks against the real Kafka broker and Cassandra node. */
class PlatformInfrastructureIT {

    @BeforeAll
    static void infrastructure() {
        TestInfrastructure.ensureRunning();
    }

    @Test
    void migrationsRunOnceAndRefuseAChangedScript() {
        String keyspace = TestInfrastructure.namespace() + "_migrator";
        try (CqlSession session = cql()) {
            Map<String, String> placeholders = Map.of("keyspace", keyspace,
                    "replication", "{'class': 'SimpleStrategy', 'replication_factor': 1}");
            CassandraMigrator migrator = new CassandraMigrator(session, "platform-it", placeholders, Clock.systemUTC());
            List<CassandraMigrator.Migration> migrations = migrator.load();
            assertThat(migrations).extracting(CassandraMigrator.Migration::version).containsExactly(1, 2);

            assertThat(migrator.migrate(keyspace, migrations)).isEqualTo(2);
            assertThat(migrator.migrate(keyspace, migrations)).isZero();
            assertThat(session.execute("SELECT name FROM " + keyspace + ".first_table WHERE id = 1").one().getString("name"))
                    .isEqualTo("seeded by V2");

            List<CassandraMigrator.Migration> edited = new ArrayList<>(migrations);
            CassandraMigrator.Migration v2 = edited.get(1);
            edited.set(1, new CassandraMigrator.Migration(2, v2.description(), v2.cql() + " ", "different"));
            assertThatThrownBy(() -> migrator.migrate(keyspace, edited))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("V2__second").hasMessageContaining("changed after it was applied");
        }
    }

    @Test
    void eventsRoundTripThroughTheRealBrokerOnTheUsersPartition() throws Exception {
        TopicNames names = new TopicNames(TestInfrastructure.namespace());
        String topic = names.name(Topic.BOX_COMMANDS, DcId.of(7));
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", TestInfrastructure.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        EventCodec codec = new EventCodec();
        long owner = 424242;
        int partition = Partitioning.partitionFor(owner, 4);
        BoxCommand sent = new BoxCommand("cmd-1", owner, owner, 1, 2, 3, "gw-0", new byte[] {9, 8, 7});
        Instant at = Instant.parse("2026-11-24T12:00:00Z");

        Properties p = new Properties();
        p.put("bootstrap.servers", TestInfrastructure.kafkaBootstrap());
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, partition, Long.toString(owner), codec.encode(sent, at))).get(30, TimeUnit.SECONDS);
        }
        Properties c = new Properties();
        c.put("bootstrap.servers", TestInfrastructure.kafkaBootstrap());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            List<ConsumerRecord<String, byte[]>> got = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (got.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(got::add);
            }
            assertThat(got).hasSize(1);
            EventEnvelope envelope = codec.decode(got.get(0).value());
            assertThat(envelope.at()).isEqualTo(at);
            assertThat(((BoxCommand) envelope.event()).request()).containsExactly(9, 8, 7);
            assertThat(got.get(0).key()).isEqualTo("424242");
        }
    }

    @Test
    void kafkaHealthIsUpOnTheRealBrokerAndDownOnAClosedPort() throws Exception {
        KafkaHealthIndicator up = new KafkaHealthIndicator(
                Map.of("bootstrap.servers", TestInfrastructure.kafkaBootstrap()), Duration.ofSeconds(5));
        try {
            assertThat(up.health().block(Duration.ofSeconds(10)).getStatus()).isEqualTo(Status.UP);
        } finally {
            up.destroy();
        }
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        KafkaHealthIndicator down = new KafkaHealthIndicator(
                Map.of("bootstrap.servers", "127.0.0.1:" + closedPort), Duration.ofSeconds(1));
        try {
            assertThat(down.health().block(Duration.ofSeconds(10)).getStatus()).isEqualTo(Status.DOWN);
        } finally {
            down.destroy();
        }
    }

    private static CqlSession cql() {
        String[] hp = TestInfrastructure.cassandraContact().split(":");
        return CqlSession.builder()
                .addContactPoint(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])))
                .withLocalDatacenter("datacenter1")
                .build();
    }
}
