package io.heliograph.session;

import io.heliograph.events.Topic;
import io.heliograph.platform.HeliographApplication;
import io.heliograph.platform.kafka.TopicRequirements;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Owns auth keys, users, authorizations, usernames, contacts and each user's home DC. */
@SpringBootApplication
public class SessionApplication {

    public static final String SERVICE = "session-service";

    public static void main(String[] args) {
        HeliographApplication.run(SessionApplication.class, SERVICE, args);
    }

    /** The topics this service produces to or consumes from (see docs/architecture.md). */
    @Bean
    TopicRequirements sessionTopics() {
        return TopicRequirements.of(Topic.AUTH_EVENTS, Topic.UPDATES);
    }
}
