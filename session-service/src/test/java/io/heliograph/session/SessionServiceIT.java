package io.heliograph.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.heliograph.events.Topic;
import io.heliograph.platform.DcContext;
import io.heliograph.testsupport.FoundationAssertions;
import io.heliograph.testsupport.RealInfrastructure;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** session-service starts against the real Kafka and Cassandra, provisions what it owns and reports ready. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + SessionApplication.SERVICE, "spring.application.name=" + SessionApplication.SERVICE, "heliograph.dc=2"})
@AutoConfigureWebTestClient
@RealInfrastructure
class SessionServiceIT {

    @Autowired
    WebTestClient client;

    @Autowired
    DcContext dc;

    @Autowired
    CqlSession session;

    @Test
    void readyWithRealInfrastructure() {
        FoundationAssertions.assertReady(client, "kafka", "cassandra");
        FoundationAssertions.assertPrometheus(client, SessionApplication.SERVICE);
    }

    @Test
    void createsItsTopicsInItsDcNamespace() throws Exception {
        List<String> expected = List.of(
                dc.topic(Topic.AUTH_EVENTS),
                dc.topic(Topic.UPDATES));
        assertThat(expected).allMatch(name -> name.contains(".dc2."));
        FoundationAssertions.assertTopics(expected, 2);
    }

    @Test
    void migratesItsKeyspaceOnStart() {
        FoundationAssertions.assertTables(session, dc.keyspace(), "auth_keys", "auth_key_connections", "users",
                "authorizations", "two_step_passwords", "two_step_challenges", "two_step_failures",
                "pending_password_logins");
        assertThat(session.getKeyspace()).map(k -> k.asInternal()).contains(dc.keyspace());
    }
}
