package io.heliograph.fanout.updates;

import io.heliograph.events.Topic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import io.heliograph.platform.kafka.KafkaPlatformAutoConfiguration;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateways' deliveries topics ({@code dc<N>.gateway.<instance>.deliveries}) and their partition counts, created
 * when first needed (the broker does not auto-create topics), with the configuration the platform gives
 * {@link Topic#GATEWAY_DELIVERIES}. A topic that cannot be created, or whose deliveries failed past their retries,
 * is quarantined for a while: deliveries to it are dropped at once instead of holding up the partition. Used by the
 * consumer thread only; each admin call is bounded.
 */
public final class DeliveryTopics {

    private static final Logger log = LoggerFactory.getLogger(DeliveryTopics.class);

    private final Admin admin;
    private final int partitions;
    private final short replicationFactor;
    private final Duration timeout;
    private final Duration quarantine;
    private final Clock clock;
    private final Map<String, Integer> known = new HashMap<>();
    private final Map<String, Instant> quarantined = new HashMap<>();

    public DeliveryTopics(Admin admin, int partitions, short replicationFactor, Duration timeout, Duration quarantine,
            Clock clock) {
        this.admin = admin;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.timeout = timeout;
        this.quarantine = quarantine;
        this.clock = clock;
    }

    /** The partition count of a deliveries topic, creating it if missing; empty while it is quarantined. */
    public OptionalInt partitions(String topic) {
        Instant until = quarantined.get(topic);
        if (until != null) {
            if (clock.instant().isBefore(until)) {
                return OptionalInt.empty();
            }
            quarantined.remove(topic);
        }
        Integer n = known.get(topic);
        if (n != null) {
            return OptionalInt.of(n);
        }
        try {
            n = describe(topic);
            if (n == null) {
                create(topic);
                n = describe(topic);
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("deliveries topic {} unavailable, quarantined for {}: {}", topic, quarantine, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (n == null) {
            quarantine(topic);
            return OptionalInt.empty();
        }
        known.put(topic, n);
        return OptionalInt.of(n);
    }

    /** Deliveries to the topic failed: look it up again (it may have been deleted) next time. */
    public void forget(String topic) {
        known.remove(topic);
    }

    /** Deliveries to the topic failed past their retries: drop further ones for a while. */
    public void quarantine(String topic) {
        known.remove(topic);
        quarantined.put(topic, clock.instant().plus(quarantine));
    }

    private Integer describe(String topic) throws ExecutionException, TimeoutException, InterruptedException {
        try {
            Map<String, TopicDescription> d = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return d.get(topic).partitions().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null;
            }
            throw e;
        }
    }

    private void create(String topic) throws ExecutionException, TimeoutException, InterruptedException {
        try {
            admin.createTopics(List.of(newTopic(topic))).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info("created deliveries topic {}", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** As the platform's topic provisioning configures {@link Topic#GATEWAY_DELIVERIES}. */
    NewTopic newTopic(String name) {
        return KafkaPlatformAutoConfiguration.newTopic(name, Topic.GATEWAY_DELIVERIES, partitions, replicationFactor);
    }
}
