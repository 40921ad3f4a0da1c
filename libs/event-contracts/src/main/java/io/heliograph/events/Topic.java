package io.heliograph.events;

import java.time.Duration;
import java.util.List;

/**
 * Every Kafka topic of one DC. The physical name is {@code <namespace>dc<N>.<suffix>} (see {@link TopicNames}); all
 * DCs may share one cluster or each have their own. Each topic carries records of the listed {@link Event} types
 * in the {@link EventCodec} envelope.
 */
public enum Topic {
    BOX_COMMANDS("box-commands", TopicKey.BOX_OWNER, false, Duration.ofDays(7),
            "gateway-service, message-service", "message-service", List.of(BoxCommand.class, PeerEffect.class)),
    BACKBONE_INBOUND("backbone-inbound", TopicKey.BOX_OWNER, false, Duration.ofDays(7),
            "message-service of another DC", "message-service", List.of(CrossDcCommand.class)),
    UPDATES("updates", TopicKey.USER, false, Duration.ofDays(3),
            "message-service, session-service, secret-chat-relay", "fanout-service", List.of(UserUpdate.class)),
    CHANNEL_POSTS("channel-posts", TopicKey.CHANNEL, false, Duration.ofDays(3),
            "message-service", "fanout-service", List.of(ChannelPost.class)),
    PRESENCE("presence", TopicKey.USER_SESSION, true, null,
            "gateway-service", "fanout-service", List.of(SessionPresence.class)),
    CHANNEL_INTEREST("channel-interest", TopicKey.CHANNEL, true, null,
            "gateway-service", "fanout-service", List.of(ChannelInterest.class)),
    AUTH_EVENTS("auth-events", TopicKey.USER, false, Duration.ofDays(1),
            "session-service", "gateway-service (every instance)", List.of(AuthorizationReset.class, AuthorizationGranted.class)),
    SECRET_CHAT("secret-chat", TopicKey.DEVICE, false, Duration.ofDays(7),
            "gateway-service", "secret-chat-relay", List.of(SecretChatMessage.class)),
    BOT_UPDATES("bot-updates", TopicKey.USER, false, Duration.ofDays(1),
            "message-service", "bot-api-service", List.of(BotUpdate.class)),
    MEDIA_EVENTS("media-events", TopicKey.FILE, false, Duration.ofDays(7),
            "media-service", "media-service (CDN role)", List.of(FileStored.class)),
    /** One topic per gateway instance: {@code dc<N>.gateway.<instance>.deliveries}. */
    GATEWAY_DELIVERIES("deliveries", TopicKey.GATEWAY_SESSION, false, Duration.ofHours(6),
            "fanout-service, secret-chat-relay", "one gateway-service instance", List.of(SessionDelivery.class));

    private final String suffix;
    private final TopicKey key;
    private final boolean compacted;
    private final Duration retention;
    private final String producers;
    private final String consumers;
    private final List<Class<? extends Event>> recordTypes;

    Topic(String suffix, TopicKey key, boolean compacted, Duration retention, String producers, String consumers,
            List<Class<? extends Event>> recordTypes) {
        this.suffix = suffix;
        this.key = key;
        this.compacted = compacted;
        this.retention = retention;
        this.producers = producers;
        this.consumers = consumers;
        this.recordTypes = recordTypes;
    }

    public String suffix() {
        return suffix;
    }

    public TopicKey key() {
        return key;
    }

    /** Compacted topics keep the last record per key (state); the others are time-retained streams. */
    public boolean compacted() {
        return compacted;
    }

    /** Retention of a stream topic; null for compacted topics. */
    public Duration retention() {
        return retention;
    }

    public String producers() {
        return producers;
    }

    public String consumers() {
        return consumers;
    }

    public List<Class<? extends Event>> recordTypes() {
        return recordTypes;
    }

    public boolean perGatewayInstance() {
        return this == GATEWAY_DELIVERIES;
    }
}
