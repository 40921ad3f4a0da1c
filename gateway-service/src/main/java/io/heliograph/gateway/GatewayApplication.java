package io.heliograph.gateway;

import io.heliograph.events.Topic;
import io.heliograph.gateway.authkeys.AuthEventsListener;
import io.heliograph.gateway.authkeys.RemoteAuthKeyStore;
import io.heliograph.gateway.kafka.TopicTail;
import io.heliograph.gateway.help.HelpMethods;
import io.heliograph.gateway.keys.ServerKeyStore;
import io.heliograph.gateway.push.DeliveryConsumer;
import io.heliograph.gateway.rpc.FloodLimiter;
import io.heliograph.gateway.rpc.MethodOwners;
import io.heliograph.gateway.channels.ChannelMemberships;
import io.heliograph.gateway.rpc.BoxCommands;
import io.heliograph.gateway.rpc.RpcRouter;
import io.heliograph.gateway.rpc.ServiceClients;
import io.heliograph.gateway.session.GatewaySessions;
import io.heliograph.gateway.session.SessionSweeper;
import io.heliograph.gateway.transport.MtprotoListeners;
import io.heliograph.mtproto.session.MtprotoServerHandler;
import io.heliograph.mtproto.session.SessionRegistry;
import io.heliograph.platform.DcContext;
import io.heliograph.platform.HeliographApplication;
import io.heliograph.platform.kafka.ConsumerLoopFailures;
import io.heliograph.platform.kafka.TopicRequirements;
import io.heliograph.tl.api.ApiRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
import org.springframework.web.reactive.function.client.WebClient;

/** Terminates device connections (MTProto over TCP, WebSocket and HTTP) for one DC and speaks to the services. */
@SpringBootApplication
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayApplication {

    public static final String SERVICE = "gateway-service";

    public static void main(String[] args) {
        HeliographApplication.run(GatewayApplication.class, SERVICE, args);
    }

    /** The topics this service produces to or consumes from (see docs/architecture.md). */
    @Bean
    TopicRequirements gatewayTopics() {
        return TopicRequirements.of(Topic.BOX_COMMANDS, Topic.PRESENCE, Topic.CHANNEL_INTEREST, Topic.AUTH_EVENTS, Topic.SECRET_CHAT)
                .withOwnGatewayDeliveries();
    }

    @Bean
    ServerKeyStore serverKeyStore(GatewayProperties properties) {
        return ServerKeyStore.loadOrCreate(properties.rsaKeyPath(), new SecureRandom());
    }

    @Bean
    GatewayMeters gatewayMeters(MeterRegistry registry) {
        return new GatewayMeters(registry);
    }

    @Bean
    RemoteAuthKeyStore authKeyStore(GatewayProperties properties, WebClient.Builder web, DcContext dc) {
        URI session = properties.services().get(MethodOwners.SESSION);
        return new RemoteAuthKeyStore(session == null ? null : web.clone().baseUrl(session.toString()).build(),
                dc.dc().value(), properties.rpcTimeout(), 2_000_000);
    }

    @Bean
    HelpMethods helpMethods(DcContext dc, GatewayProperties properties, Clock clock) {
        return new HelpMethods(dc.dc().value(), properties, clock);
    }

    @Bean
    BoxCommands boxCommands(Producer<String, byte[]> producer, DcContext dc, GatewayProperties properties, Clock clock,
            GatewayMeters meters) {
        return new BoxCommands(producer, dc.topic(Topic.BOX_COMMANDS), dc.instanceId(), properties.rpcTimeout(), clock, meters);
    }

    @Bean
    RpcRouter rpcRouter(GatewayProperties properties, HelpMethods help, RemoteAuthKeyStore keys, DcContext dc,
            WebClient.Builder web, GatewayMeters meters, Clock clock, BoxCommands commands) {
        ServiceClients services = new ServiceClients(properties.services(), web, keys, properties.rpcTimeout(),
                dc.dc().value(), dc.instanceId());
        return new RpcRouter(help, services, new FloodLimiter(properties.flood(), clock), keys, meters, commands);
    }

    @Bean(destroyMethod = "close")
    Producer<String, byte[]> gatewayProducer(KafkaProperties kafka) {
        return new KafkaProducer<>(kafka.buildProducerProperties(), new StringSerializer(), new ByteArraySerializer());
    }

    @Bean
    ChannelMemberships channelMemberships(GatewayProperties properties, WebClient.Builder web,
            Producer<String, byte[]> producer, DcContext dc, Clock clock) {
        URI message = properties.services().get(io.heliograph.gateway.rpc.MethodOwners.MESSAGE);
        return new ChannelMemberships(message == null ? null : web.clone().baseUrl(message.toString()).build(),
                properties.rpcTimeout(), producer, dc.topic(Topic.CHANNEL_INTEREST), dc.instanceId(), clock);
    }

    @Bean
    GatewaySessions gatewaySessions(RemoteAuthKeyStore keys, Producer<String, byte[]> producer, DcContext dc,
            GatewayMeters meters, Clock clock, ChannelMemberships channels) {
        GatewaySessions sessions = new GatewaySessions(keys, producer, dc.topic(Topic.PRESENCE), dc.instanceId(), meters, clock);
        sessions.channels(channels);
        keys.onAuthorizationChange(sessions::authorizationChanged);
        return sessions;
    }

    /** Salts derive from a secret every instance of the DC shares: the server RSA key they all hold. */
    @Bean
    SessionRegistry sessionRegistry(ServerKeyStore rsa, DcContext dc, Clock clock, GatewayMeters meters) {
        SessionRegistry registry = new SessionRegistry(clock, ApiRegistry.LAYER, saltSecret(rsa, dc.dc().value()));
        meters.sessions(registry::size);
        return registry;
    }

    static byte[] saltSecret(ServerKeyStore rsa, int dc) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(rsa.keyPair().getPrivate().getEncoded(), "HmacSHA256"));
            return mac.doFinal(("heliograph server salts, dc " + dc).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    @Bean
    MtprotoServerHandler.Context mtprotoContext(ServerKeyStore rsa, RemoteAuthKeyStore keys, SessionRegistry registry,
            RpcRouter router, Clock clock, GatewaySessions sessions) {
        sessions.registry(registry);
        return new MtprotoServerHandler.Context(rsa.keyPair(), keys, registry, router, clock, new SecureRandom(), sessions);
    }

    @Bean
    MtprotoListeners mtprotoListeners(GatewayProperties properties, MtprotoServerHandler.Context context, GatewayMeters meters) {
        return new MtprotoListeners(properties, context, meters);
    }

    @Bean
    SessionSweeper sessionSweeper(SessionRegistry registry, GatewaySessions sessions, GatewayProperties properties) {
        return new SessionSweeper(registry, sessions, properties.sessionLifetime());
    }

    @Bean
    TopicTail deliveries(KafkaProperties kafka, DcContext dc, GatewaySessions sessions,
            MtprotoServerHandler.Context context, GatewayMeters meters, Clock clock, BoxCommands commands,
            ChannelMemberships channels, ConsumerLoopFailures failures) {
        String topic = dc.topics().gatewayDeliveries(dc.dc(), dc.instanceId());
        return new TopicTail(() -> consumer(kafka), topic,
                new DeliveryConsumer(topic, sessions, context, meters, clock, commands).channels(channels), failures);
    }

    @Bean
    TopicTail authEvents(KafkaProperties kafka, DcContext dc, RemoteAuthKeyStore keys, GatewaySessions sessions,
            ConsumerLoopFailures failures) {
        return new TopicTail(() -> consumer(kafka), dc.topic(Topic.AUTH_EVENTS), new AuthEventsListener(keys, sessions),
                failures);
    }

    /** The deliveries and auth-events tails' consumer: no group, assigned partitions. Public: the fan-out benchmark wires it. */
    public static KafkaConsumer<String, byte[]> consumer(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned partitions, no group: every instance reads everything
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
