package io.heliograph.secretchat;

import io.heliograph.events.Topic;
import io.heliograph.platform.HeliographApplication;
import io.heliograph.platform.kafka.TopicRequirements;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Relays end-to-end encrypted secret chat messages per device; the server only sees ciphertext. */
@SpringBootApplication
public class SecretChatApplication {

    public static final String SERVICE = "secret-chat-relay";

    public static void main(String[] args) {
        HeliographApplication.run(SecretChatApplication.class, SERVICE, args);
    }

    /** The topics this service produces to or consumes from (see docs/architecture.md). */
    @Bean
    TopicRequirements secretchatTopics() {
        return TopicRequirements.of(Topic.SECRET_CHAT, Topic.UPDATES);
    }
}
