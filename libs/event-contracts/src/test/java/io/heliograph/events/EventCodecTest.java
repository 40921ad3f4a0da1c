package io.heliograph.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();
    private final Instant at = Instant.parse("2026-11-24T10:15:30.123Z");

    @Test
    void roundTripsAnEventWithBinaryPayload() {
        BoxCommand cmd = new BoxCommand("c-1", 42, 42, 7L, 9L, 0x5f00000000000004L, "gw-0", new byte[] {1, 2, (byte) 0xff});
        EventEnvelope decoded = codec.decode(codec.encode(cmd, at));
        assertThat(decoded.type()).isEqualTo("box-command");
        assertThat(decoded.version()).isEqualTo(1);
        assertThat(decoded.at()).isEqualTo(at);
        BoxCommand back = (BoxCommand) decoded.event();
        assertThat(back.request()).containsExactly(1, 2, 0xff);
        assertThat(back.requestMsgId()).isEqualTo(cmd.requestMsgId());
        assertThat(back.gatewayInstance()).isEqualTo("gw-0");
    }

    @Test
    void roundTripsPeerEffectsThroughTheBackboneAndErrorDeliveries() {
        PeerEffect effect = new PeerEffect("e-1", 5, 6, PeerEffect.Kind.DELETE_MESSAGES, 0, 0, java.util.List.of(3, 4),
                java.util.List.of(9), 1_700_000_000, null, 0, 0);
        CrossDcCommand relayed = (CrossDcCommand) codec.decode(codec.encode(new CrossDcCommand(1, effect), at)).event();
        assertThat(relayed.effect().originIds()).containsExactly(3, 4);
        assertThat(relayed.effect().ownIds()).containsExactly(9);
        assertThat(relayed.effect().kind()).isEqualTo(PeerEffect.Kind.DELETE_MESSAGES);
        SessionDelivery error = new SessionDelivery(5, 6, 7, 8, new byte[0], 400, "PEER_ID_INVALID");
        SessionDelivery back = (SessionDelivery) codec.decode(codec.encode(error, at)).event();
        assertThat(back.isError()).isTrue();
        assertThat(back.errorCode()).isEqualTo(400);
        assertThat(back.errorMessage()).isEqualTo("PEER_ID_INVALID");
        SessionDelivery update = (SessionDelivery) codec.decode(codec.encode(new SessionDelivery(5, 6, 7, 0, new byte[] {1}), at)).event();
        assertThat(update.isError()).isFalse();
    }

    @Test
    void unknownFieldsAreIgnoredSoWritersMayAddFields() {
        String json = """
                {"type":"session-presence","v":1,"at":"2026-11-24T10:15:30Z","payload":
                 {"userId":5,"authKeyId":6,"sessionId":7,"gatewayInstance":"g","online":true,"addedLater":"x"}}""";
        SessionPresence p = (SessionPresence) codec.decode(json.getBytes(StandardCharsets.UTF_8)).event();
        assertThat(p.userId()).isEqualTo(5);
        assertThat(p.online()).isTrue();
    }

    @Test
    void rejectsUnknownTypesNewerVersionsAndMissingFieldsWithSpecificErrors() {
        assertThatThrownBy(() -> codec.decode("{\"type\":\"nope\",\"v\":1,\"at\":\"2026-11-24T10:15:30Z\",\"payload\":{}}".getBytes()))
                .isInstanceOf(EventDecodeException.class).hasMessageContaining("unknown event type 'nope'");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"session-presence\",\"v\":2,\"at\":\"2026-11-24T10:15:30Z\",\"payload\":{}}".getBytes()))
                .isInstanceOf(EventDecodeException.class).hasMessageContaining("version 2 is not supported");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"session-presence\",\"v\":1,\"at\":\"2026-11-24T10:15:30Z\",\"payload\":{\"userId\":1}}".getBytes()))
                .isInstanceOf(EventDecodeException.class).hasMessageContaining("invalid 'session-presence'");
        assertThatThrownBy(() -> codec.decode("not json".getBytes()))
                .isInstanceOf(EventDecodeException.class).hasMessageContaining("not a JSON");
    }

    @Test
    void everyTopicRecordTypeIsRegistered() {
        Set<Class<?>> seen = new HashSet<>();
        for (Topic topic : EnumSet.allOf(Topic.class)) {
            for (Class<? extends Event> type : topic.recordTypes()) {
                assertThat(EventCodec.typeName(type)).isNotBlank();
                seen.add(type);
            }
        }
        // Every event type travels on some topic, and every topic's types are known to the codec.
        assertThat(seen).containsExactlyInAnyOrderElementsOf(java.util.List.of(Event.class.getPermittedSubclasses()));
    }

    @Test
    void topicNamesAreNamespacedPerDc() {
        TopicNames prod = new TopicNames("");
        assertThat(prod.name(Topic.UPDATES, DcId.of(2))).isEqualTo("dc2.updates");
        assertThat(prod.gatewayDeliveries(DcId.of(1), "gw-0")).isEqualTo("dc1.gateway.gw-0.deliveries");
        assertThat(new TopicNames("it7").name(Topic.PRESENCE, DcId.of(1))).isEqualTo("it7.dc1.presence");
        assertThatThrownBy(() -> new TopicNames("Bad-NS")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> prod.name(Topic.GATEWAY_DELIVERIES, DcId.of(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DcId.of(0)).hasMessageContaining("1..1000");
    }

    @Test
    void partitioningIsStableAndSpreads() {
        int[] counts = new int[8];
        for (long user = 1; user <= 8000; user++) {
            int p = Partitioning.partitionFor(user, 8);
            assertThat(p).isEqualTo(Partitioning.partitionFor(user, 8));
            counts[p]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(800, 1200);
        }
    }
}
