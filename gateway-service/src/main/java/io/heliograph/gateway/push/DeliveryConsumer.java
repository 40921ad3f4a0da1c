package io.heliograph.gateway.push;

import io.heliograph.events.EventCodec;
import io.heliograph.events.EventEnvelope;
import io.heliograph.events.SessionDelivery;
import io.heliograph.gateway.GatewayMeters;
import io.heliograph.gateway.session.GatewaySessions;
import io.heliograph.mtproto.session.MtprotoServerHandler;
import io.heliograph.mtproto.session.ServerSession;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.api.ApiRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles this instance's deliveries topic ({@code dc<N>.gateway.<instance>.deliveries}, written by fan-out, read by
 * a {@link io.heliograph.gateway.kafka.TopicTail}): pushes each object to its session: encrypted on the session's connection now, or kept for the session until its
 * client reconnects within the session lifetime.
 */
public final class DeliveryConsumer implements java.util.function.Consumer<ConsumerRecord<String, byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(DeliveryConsumer.class);

    private final String topic;
    private final GatewaySessions sessions;
    private final MtprotoServerHandler.Context context;
    private final GatewayMeters meters;
    private final Clock clock;
    private final io.heliograph.gateway.rpc.BoxCommands commands;
    private volatile io.heliograph.gateway.channels.ChannelMemberships channels;
    private final EventCodec codec = new EventCodec();

    public DeliveryConsumer(String topic, GatewaySessions sessions, MtprotoServerHandler.Context context,
            GatewayMeters meters, Clock clock, io.heliograph.gateway.rpc.BoxCommands commands) {
        this.commands = commands;
        this.topic = topic;
        this.sessions = sessions;
        this.context = context;
        this.meters = meters;
        this.clock = clock;
    }

    /** Follows memberships in what users receive, and expands channel posts to online members. */
    public DeliveryConsumer channels(io.heliograph.gateway.channels.ChannelMemberships channels) {
        this.channels = channels;
        return this;
    }

    @Override
    public void accept(ConsumerRecord<String, byte[]> record) {
        deliver(record);
    }

    void deliver(ConsumerRecord<String, byte[]> record) {
        SessionDelivery d;
        TlObject object;
        try {
            EventEnvelope envelope = codec.decode(record.value());
            if (!(envelope.event() instanceof SessionDelivery delivery)) {
                log.warn("unexpected {} on {}", envelope.type(), topic);
                return;
            }
            d = delivery;
            if (d.rpcRequestMsgId() != 0) {
                if (commands.complete(d) && channels != null && !d.isError() && d.body().length > 4) {
                    observeAnswer(d);
                }
                return; // an answer to a call this instance handed to Kafka
            }
            object = ApiRegistry.read(new TlReader(d.body()));
            if (channels != null && d.channelId() == null) {
                channels.observe(d.userId(), object); // a membership change comes to the user as updateChannel
            }
        } catch (RuntimeException e) {
            log.warn("undecodable delivery at {}:{}: {}", record.partition(), record.offset(), e.toString());
            meters.pushed("invalid", null);
            return;
        }
        Collection<ServerSession> targets = targets(d);
        if (targets.isEmpty()) {
            meters.pushed("no_session", null);
            return;
        }
        Duration latency = Duration.between(Instant.ofEpochMilli(record.timestamp()), clock.instant());
        Map<Integer, byte[]> bodies = targets.size() > 1 ? new HashMap<>() : null; // bytes per layer, shared by the targets
        for (ServerSession s : targets) {
            boolean sent = MtprotoServerHandler.push(context, s, object, bodies);
            meters.pushed(!sent ? "layer_mismatch" : s.channel() != null ? "sent" : "parked", sent ? latency : null);
        }
    }

    /** A channel call's answer tells the caller's membership (joined, created, left) before any update does. */
    private void observeAnswer(SessionDelivery d) {
        int constructor = java.nio.ByteBuffer.wrap(d.body()).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (constructor == io.heliograph.tl.api.Updates.CONSTRUCTOR_ID
                || constructor == io.heliograph.tl.api.MessagesChatInviteJoinResultOk.CONSTRUCTOR_ID
                || constructor == io.heliograph.tl.api.MessagesInvitedUsers.CONSTRUCTOR_ID) {
            try {
                channels.observe(d.userId(), ApiRegistry.read(new TlReader(d.body())));
            } catch (RuntimeException e) {
                log.debug("answer not read for channels: {}", e.toString());
            }
        }
    }

    private Collection<ServerSession> targets(SessionDelivery d) {
        if (d.channelId() != null) { // a channel post: every online member session here
            if (channels == null) {
                return List.of();
            }
            return sessions.sessionsOfUsers(channels.onlineMembers(d.channelId()));
        }
        if (d.authKeyId() != 0 && d.sessionId() != 0) {
            ServerSession s = context.sessions().find(d.authKeyId(), d.sessionId());
            return s == null ? List.of() : List.of(s);
        }
        if (d.authKeyId() != 0) {
            return new ArrayList<>(sessions.sessionsOf(d.authKeyId()));
        }
        return sessions.sessionsOfUser(d.userId());
    }

}
