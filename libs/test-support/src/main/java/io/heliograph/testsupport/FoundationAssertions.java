package io.heliograph.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Checks shared by every service's foundation integration test. */
public final class FoundationAssertions {

    private FoundationAssertions() {
    }

    /** Readiness is UP and lists exactly the given infrastructure components (e.g. kafka, cassandra) as UP. */
    public static void assertReady(WebTestClient client, String... components) {
        WebTestClient.BodyContentSpec body = client.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP");
        for (String c : components) {
            body.jsonPath("$.components." + c + ".status").isEqualTo("UP");
        }
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    /** Prometheus exposition is served and carries the service's common tags. */
    public static void assertPrometheus(WebTestClient client, String service) {
        String text = client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(text).contains("jvm_memory_used_bytes").contains("service=\"" + service + "\"");
    }

    /** The topics exist on the real broker with the expected partition count. */
    public static Map<String, TopicDescription> assertTopics(Collection<String> names, int partitions) throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap()))) {
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(described.keySet()).containsExactlyInAnyOrderElementsOf(names);
            described.values().forEach(d -> assertThat(d.partitions()).as(d.name()).hasSize(partitions));
            return described;
        }
    }

    /** The keyspace holds (at least) the given tables, read from the real node's schema metadata. */
    public static void assertTables(CqlSession session, String keyspace, String... tables) {
        KeyspaceMetadata ks = session.refreshSchema().getKeyspace(CqlIdentifier.fromInternal(keyspace))
                .orElseThrow(() -> new AssertionError("keyspace " + keyspace + " does not exist"));
        Set<String> actual = ks.getTables().keySet().stream().map(CqlIdentifier::asInternal).collect(Collectors.toSet());
        assertThat(actual).contains(tables).contains("schema_migrations");
    }
}
