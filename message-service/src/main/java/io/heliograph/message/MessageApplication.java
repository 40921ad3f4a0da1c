package io.heliograph.message;

import io.heliograph.events.Topic;
import io.heliograph.platform.HeliographApplication;
import io.heliograph.platform.kafka.TopicRequirements;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Stores messages: the single writer of each message box's ids and pts. */
@SpringBootApplication
public class MessageApplication {

    public static final String SERVICE = "message-service";

    public static void main(String[] args) {
        HeliographApplication.run(MessageApplication.class, SERVICE, args);
    }

    /** The topics this service produces to or consumes from (see docs/architecture.md). */
    @Bean
    TopicRequirements messageTopics() {
        return TopicRequirements.of(Topic.BOX_COMMANDS, Topic.BACKBONE_INBOUND, Topic.UPDATES, Topic.CHANNEL_POSTS, Topic.BOT_UPDATES);
    }
}
