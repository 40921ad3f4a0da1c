package io.heliograph.platform.kafka;

import io.heliograph.events.Topic;
import io.heliograph.platform.DcContext;
import io.heliograph.platform.HeliographProperties;
import io.heliograph.platform.PlatformAutoConfiguration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/** Creates the topics a service declares in {@link TopicRequirements} and reports Kafka in readiness. */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, PlatformAutoConfiguration.class})
public class KafkaPlatformAutoConfiguration {

    @Bean
    KafkaAdmin.NewTopics heliographTopics(ObjectProvider<TopicRequirements> requirements, DcContext dc,
            HeliographProperties properties) {
        Map<String, NewTopic> topics = new LinkedHashMap<>();
        requirements.orderedStream().forEach(req -> {
            for (Topic topic : req.topics()) {
                topics.putIfAbsent(dc.topic(topic), newTopic(dc.topic(topic), topic, properties));
            }
            if (req.ownGatewayDeliveries()) {
                String name = dc.topics().gatewayDeliveries(dc.dc(), dc.instanceId());
                topics.putIfAbsent(name, newTopic(name, Topic.GATEWAY_DELIVERIES, properties));
            }
        });
        return new KafkaAdmin.NewTopics(new ArrayList<>(topics.values()).toArray(NewTopic[]::new));
    }

    static NewTopic newTopic(String name, Topic topic, HeliographProperties properties) {
        return newTopic(name, topic, properties.kafka().partitions(), properties.kafka().replicationFactor());
    }

    /**
     * How the platform creates a topic of {@code topic}'s kind: compacted or retained as its contract says, with
     * {@code min.insync.replicas} one below the replication factor. For services that create topics at run time
     * (fan-out creates a gateway instance's deliveries topic when it first needs it).
     */
    public static NewTopic newTopic(String name, Topic topic, int partitions, short replicationFactor) {
        Map<String, String> config = new HashMap<>();
        if (topic.compacted()) {
            config.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        } else {
            config.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
            config.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retention().toMillis()));
        }
        config.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(Math.max(1, replicationFactor - 1)));
        return new NewTopic(name, partitions, replicationFactor).configs(config);
    }

    /** Health {@code consumerLoops}; a loop's death turns liveness BROKEN. */
    @Bean(name = "consumerLoops")
    ConsumerLoopFailures consumerLoopFailures(ApplicationEventPublisher events) {
        return new ConsumerLoopFailures(events);
    }

    @Bean(name = "kafka")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin, HeliographProperties properties) {
        return new KafkaHealthIndicator(admin.getConfigurationProperties(), properties.kafka().healthTimeout());
    }
}
