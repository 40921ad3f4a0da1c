package io.heliograph.message;

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

/** message-service starts against the real Kafka and Cassandra, provisions what it owns and reports ready. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + MessageApplication.SERVICE, "spring.application.name=" + MessageApplication.SERVICE, "heliograph.dc=2"})
@AutoConfigureWebTestClient
@RealInfrastructure
class MessageServiceIT {

    @Autowired
    WebTestClient client;

    @Autowired
    DcContext dc;

    @Autowired
    CqlSession session;

    @Test
    void readyWithRealInfrastructure() {
        FoundationAssertions.assertReady(client, "kafka", "cassandra");
        FoundationAssertions.assertPrometheus(client, MessageApplication.SERVICE);
    }

    @Test
    void createsItsTopicsInItsDcNamespace() throws Exception {
        List<String> expected = List.of(
                dc.topic(Topic.BOX_COMMANDS),
                dc.topic(Topic.BACKBONE_INBOUND),
                dc.topic(Topic.UPDATES),
                dc.topic(Topic.CHANNEL_POSTS),
                dc.topic(Topic.BOT_UPDATES));
        assertThat(expected).allMatch(name -> name.contains(".dc2."));
        FoundationAssertions.assertTopics(expected, 2);
    }

    @Test
    void migratesItsKeyspaceOnStart() {
        FoundationAssertions.assertTables(session, dc.keyspace(), "box_state", "box_messages", "box_updates", "channel_messages",
                "send_dedupe", "box_message_ids", "box_origins", "dialogs", "command_outcomes", "chats", "box_chats",
                "channels", "channel_participants", "channel_memberships", "channel_updates", "channel_send_dedupe");
        assertThat(session.getKeyspace()).map(k -> k.asInternal()).contains(dc.keyspace());
    }
}
