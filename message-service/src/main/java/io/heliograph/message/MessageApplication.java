package io.heliograph.message;

import io.heliograph.events.Topic;
import io.heliograph.message.backbone.BackboneRelay;
import io.heliograph.message.box.BoxStore;
import io.heliograph.message.box.ChatStore;
import io.heliograph.message.channels.ChannelCommands;
import io.heliograph.message.channels.ChannelStore;
import io.heliograph.message.commands.BoxCommandConsumer;
import io.heliograph.message.commands.BoxWriter;
import io.heliograph.message.commands.Outputs;
import io.heliograph.message.users.SessionUsers;
import io.heliograph.platform.DcContext;
import io.heliograph.platform.HeliographApplication;
import io.heliograph.platform.kafka.ConsumerLoopFailures;
import io.heliograph.platform.kafka.TopicRequirements;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;

/** Stores messages: the single writer of each message box's ids and pts. */
@SpringBootApplication
@EnableConfigurationProperties(MessageProperties.class)
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

    @Bean(destroyMethod = "close")
    Producer<String, byte[]> messageProducer(KafkaProperties kafka) {
        return new KafkaProducer<>(kafka.buildProducerProperties(), new StringSerializer(), new ByteArraySerializer());
    }

    @Bean
    Outputs outputs(DcContext dc, Producer<String, byte[]> producer, Clock clock) {
        return new Outputs(dc, producer, clock);
    }

    @Bean
    BoxWriter boxWriter(BoxStore store, ChatStore chats, SessionUsers users, Producer<String, byte[]> producer,
            Outputs outputs, Clock clock, MeterRegistry meters, ChannelStore channels) {
        return BoxWriter.create(store, chats, users, producer, outputs, clock, meters)
                .channels(new ChannelCommands(channels, users, outputs, clock));
    }

    @Bean
    BoxCommandConsumer boxCommands(KafkaProperties kafka, DcContext dc, BoxWriter writer, MessageProperties properties,
            ConsumerLoopFailures failures) {
        return new BoxCommandConsumer(() -> consumer(kafka, group(dc, "box-writers")), dc.topic(Topic.BOX_COMMANDS), writer,
                properties.writerThreads(), failures);
    }

    @Bean
    BackboneRelay backboneRelay(KafkaProperties kafka, DcContext dc, Producer<String, byte[]> producer, Outputs outputs,
            ConsumerLoopFailures failures) {
        return new BackboneRelay(() -> consumer(kafka, group(dc, "backbone-relay")), dc.topic(Topic.BACKBONE_INBOUND),
                producer, outputs, failures);
    }

    /** Consumer groups are per namespace and DC, so test runs and DCs sharing a cluster never share a group. */
    static String group(DcContext dc, String role) {
        return (dc.namespace().isEmpty() ? "" : dc.namespace() + ".") + "dc" + dc.dc().value() + "." + SERVICE + "." + role;
    }

    private static KafkaConsumer<String, byte[]> consumer(KafkaProperties kafka, String group) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
