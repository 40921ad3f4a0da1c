package io.heliograph.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.context.ApplicationContext;
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

/** fanout-service starts against the real Kafka and Cassandra, provisions what it owns and reports ready. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + FanoutApplication.SERVICE, "spring.application.name=" + FanoutApplication.SERVICE, "heliograph.dc=2"})
@AutoConfigureWebTestClient
@RealInfrastructure
class FanoutServiceIT {

    @Autowired
    WebTestClient client;

    @Autowired
    DcContext dc;

    @Autowired
    ApplicationContext context;

    @Test
    void readyWithRealInfrastructure() {
        FoundationAssertions.assertReady(client, "kafka");
        FoundationAssertions.assertPrometheus(client, FanoutApplication.SERVICE);
    }

    @Test
    void createsItsTopicsInItsDcNamespace() throws Exception {
        List<String> expected = List.of(
                dc.topic(Topic.UPDATES),
                dc.topic(Topic.CHANNEL_POSTS),
                dc.topic(Topic.PRESENCE),
                dc.topic(Topic.CHANNEL_INTEREST));
        assertThat(expected).allMatch(name -> name.contains(".dc2."));
        FoundationAssertions.assertTopics(expected, 2);
    }

    @Test
    void opensNoCassandraSession() {
        assertThat(context.getBeanNamesForType(com.datastax.oss.driver.api.core.CqlSession.class)).isEmpty();
    }
}
