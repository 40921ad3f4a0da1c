package io.heliograph.platform.kafka;

import io.heliograph.events.Topic;
import java.util.EnumSet;
import java.util.Set;

/**
 * The platform topics a service produces to or consumes from; each is created at start if missing (idempotent), so
 * services can start in any order. {@code ownGatewayDeliveries} adds this gateway instance's own delivery topic.
 */
public record TopicRequirements(Set<Topic> topics, boolean ownGatewayDeliveries) {

    public TopicRequirements {
        topics = topics.isEmpty() ? EnumSet.noneOf(Topic.class) : EnumSet.copyOf(topics);
        if (topics.contains(Topic.GATEWAY_DELIVERIES)) {
            throw new IllegalArgumentException("GATEWAY_DELIVERIES is per instance: set ownGatewayDeliveries instead");
        }
    }

    public static TopicRequirements of(Topic... topics) {
        return new TopicRequirements(topics.length == 0 ? Set.of() : EnumSet.of(topics[0], topics), false);
    }

    public TopicRequirements withOwnGatewayDeliveries() {
        return new TopicRequirements(topics, true);
    }
}
