package io.heliograph.message.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heliograph.message.box.Peer;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.tl.api.MessageEntityBlockquote;
import io.heliograph.tl.api.MessageEntityBold;
import io.heliograph.tl.api.MessageEntityTextUrl;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The pure parts of the box writer: recorded outcomes, peer keys, entity bounds. */
class OutputsTest {

    @Test
    void aRecordedOutcomeReplaysTheSameRecords() {
        List<ProducerRecord<String, byte[]>> records = List.of(
                new ProducerRecord<>("dc2.updates", 3, "42", new byte[] {1, 2, 3}),
                new ProducerRecord<>("dc2.gateway.dc2-0.deliveries", null, "-7", new byte[0]));
        List<ProducerRecord<String, byte[]>> back = Outputs.decode(Outputs.encode(records));
        assertThat(back).hasSize(2);
        assertThat(back.get(0).topic()).isEqualTo("dc2.updates");
        assertThat(back.get(0).partition()).isEqualTo(3);
        assertThat(back.get(0).key()).isEqualTo("42");
        assertThat(back.get(0).value()).containsExactly(1, 2, 3);
        assertThat(back.get(1).partition()).isNull();
        assertThat(back.get(1).value()).isEmpty();
        assertThatThrownBy(() -> Outputs.decode(new byte[] {0, 0, 0, 5})).hasMessageContaining("corrupt");
    }

    @Test
    void peersRoundTripThroughTheirKeys() {
        assertThat(Peer.parse(Peer.user(4_294_967_297L).key())).isEqualTo(Peer.user(4_294_967_297L));
        assertThat(Peer.parse("c2147483650")).isEqualTo(new Peer(Peer.Kind.CHAT, 2_147_483_650L));
        assertThatThrownBy(() -> Peer.parse("x1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Peer.user(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void entitiesMustLieWithinTheText() {
        PrivateMessages.checkEntities("hello", List.of(new MessageEntityBold(0, 5),
                new MessageEntityTextUrl(1, 2, "https://example.org"), new MessageEntityBlockquote(false, 0, 1)));
        assertThatThrownBy(() -> PrivateMessages.checkEntities("hello", List.of(new MessageEntityBold(3, 3))))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.type()).isEqualTo("ENTITY_BOUNDS_INVALID"));
        assertThatThrownBy(() -> PrivateMessages.checkEntities("hello", List.of(new MessageEntityBold(-1, 2))))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.type()).isEqualTo("ENTITY_BOUNDS_INVALID"));
        assertThatThrownBy(() -> PrivateMessages.checkEntities("hello", List.of(new MessageEntityBold(0, 0))))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.type()).isEqualTo("ENTITY_BOUNDS_INVALID"));
    }
}
