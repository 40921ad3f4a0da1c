package io.heliograph.fanout;

import io.heliograph.events.Topic;
import io.heliograph.platform.HeliographApplication;
import io.heliograph.platform.kafka.TopicRequirements;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Delivers updates to the gateway instances that hold each recipient's online sessions. */
@SpringBootApplication
public class FanoutApplication {

    public static final String SERVICE = "fanout-service";

    public static void main(String[] args) {
        HeliographApplication.run(FanoutApplication.class, SERVICE, args);
    }

    /** The topics this service produces to or consumes from (see docs/architecture.md). */
    @Bean
    TopicRequirements fanoutTopics() {
        return TopicRequirements.of(Topic.UPDATES, Topic.CHANNEL_POSTS, Topic.PRESENCE, Topic.CHANNEL_INTEREST);
    }
}
