package io.heliograph.media;

import io.heliograph.events.Topic;
import io.heliograph.platform.HeliographApplication;
import io.heliograph.platform.kafka.TopicRequirements;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Uploads, stores and serves files; CDN instances replicate them. */
@SpringBootApplication
public class MediaApplication {

    public static final String SERVICE = "media-service";

    public static void main(String[] args) {
        HeliographApplication.run(MediaApplication.class, SERVICE, args);
    }

    /** The topics this service produces to or consumes from (see docs/architecture.md). */
    @Bean
    TopicRequirements mediaTopics() {
        return TopicRequirements.of(Topic.MEDIA_EVENTS);
    }
}
