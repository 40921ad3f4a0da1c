package io.heliograph.botapi;

import io.heliograph.events.Topic;
import io.heliograph.platform.HeliographApplication;
import io.heliograph.platform.kafka.TopicRequirements;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The HTTP/JSON Bot API: getUpdates long polling and webhook delivery. */
@SpringBootApplication
public class BotApiApplication {

    public static final String SERVICE = "bot-api-service";

    public static void main(String[] args) {
        HeliographApplication.run(BotApiApplication.class, SERVICE, args);
    }

    /** The topics this service produces to or consumes from (see docs/architecture.md). */
    @Bean
    TopicRequirements botapiTopics() {
        return TopicRequirements.of(Topic.BOT_UPDATES, Topic.BOX_COMMANDS);
    }
}
