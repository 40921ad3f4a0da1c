package io.heliograph.gateway;

import io.heliograph.events.Topic;
import io.heliograph.platform.HeliographApplication;
import io.heliograph.platform.kafka.TopicRequirements;
import io.heliograph.gateway.keys.ServerKeyStore;
import io.heliograph.gateway.transport.MtprotoTcpListener;
import java.security.SecureRandom;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

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
    MtprotoTcpListener mtprotoTcpListener(GatewayProperties properties) {
        return new MtprotoTcpListener(properties);
    }
}
