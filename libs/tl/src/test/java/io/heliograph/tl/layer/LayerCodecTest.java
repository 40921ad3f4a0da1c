package io.heliograph.tl.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heliograph.tl.RandomTlObjectsAccess;
import io.heliograph.tl.TlDecodeException;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.TlUnknownConstructorException;
import io.heliograph.tl.TlWriter;
import io.heliograph.tl.api.ApiRegistry;
import io.heliograph.tl.api.HelpGetConfig;
import io.heliograph.tl.api.InitConnection;
import io.heliograph.tl.api.InvokeWithLayer;
import io.heliograph.tl.api.Message;
import io.heliograph.tl.api.MessagesSendMessage;
import io.heliograph.tl.api.InputPeerSelf;
import io.heliograph.tl.schema.TlCombinator;
import io.heliograph.tl.schema.TlSchema;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Objects cross between the newest layer and the layers real clients speak (158, 198, 227). */
class LayerCodecTest {

    @ParameterizedTest(name = "layer {0}")
    @ValueSource(ints = {158, 198, 227, 228})
    void everySharedConstructorRoundTripsThroughTheClientsLayer(int layer) {
        LayerCodec codec = Layers.forClient(layer);
        TlSchema clientSchema = Layers.load(layer);
        int shared = 0;
        int roundTripped = 0;
        int identical = 0;
        for (long seed = 1; seed <= 4; seed++) {
            var gen = RandomTlObjectsAccess.generator(seed);
            for (Class<? extends TlObject> cls : ApiRegistry.classes()) {
                String name = RandomTlObjectsAccess.name(cls);
                TlCombinator inClient = clientSchema.byName(name);
                if (inClient == null) {
                    continue;
                }
                shared++;
                TlObject obj = gen.create(cls, 1);
                byte[] bytes;
                try {
                    bytes = codec.toBytes(obj);
                } catch (TlLayerMismatchException e) {
                    continue; // e.g. a nested constructor the client's layer does not have: refused cleanly
                }
                assertThat(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt()).as(name).isEqualTo(inClient.id());
                if (codec.isIdentical(name)) {
                    assertThat(bytes).as(name + " identical in layer " + layer).isEqualTo(obj.toBytes());
                    identical++;
                }
                TlReader r = new TlReader(bytes);
                TlObject back;
                try {
                    back = codec.read(r);
                } catch (TlLayerMismatchException e) {
                    assertThat(layer).as("%s: %s", name, e.getMessage()).isNotEqualTo(ApiRegistry.LAYER);
                    continue;
                } catch (RuntimeException e) {
                    throw new AssertionError(name + " in layer " + layer + ": " + e, e);
                }
                assertThat(r.remaining()).as(name).isZero();
                assertThat(codec.toBytes(back)).as(name + " stable through layer " + layer).isEqualTo(bytes);
                if (layer == ApiRegistry.LAYER) {
                    assertThat(back).isEqualTo(obj);
                }
                roundTripped++;
            }
        }
        assertThat(shared).isGreaterThan(4 * 1500);
        assertThat(roundTripped).as("round trips of %d shared", shared).isGreaterThan(shared * 8 / 10);
        assertThat(identical).isGreaterThan(0);
    }

    @Test
    void aMessageIsWrittenWithLayer198sConstructorAndReadBack() {
        LayerCodec l198 = Layers.forClient(198);
        for (long seed = 1; seed <= 20; seed++) {
            Message m = (Message) RandomTlObjectsAccess.generator(seed).create(Message.class, 2);
            byte[] bytes;
            try {
                bytes = l198.toBytes(m);
            } catch (TlLayerMismatchException e) {
                continue; // carries a constructor layer 198 lacks
            }
            assertThat(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(0x96fdbbe9);
            Message back = (Message) l198.read(new TlReader(bytes));
            assertThat(back.id()).isEqualTo(m.id());
            assertThat(back.message()).isEqualTo(m.message());
            assertThat(back.date()).isEqualTo(m.date());
            assertThat(back.out()).isEqualTo(m.out());
            assertThat(back.peerId()).isEqualTo(m.peerId());
            assertThat(back.paidSuggestedPostStars()).as("a layer-228 flag unknown to 198 is dropped").isFalse();
        }
    }

    @Test
    void gramJsFirstCallIsReadInItsLayer() {
        InvokeWithLayer<?> call = new InvokeWithLayer<>(198, new InitConnection<>(2496, "Desktop", "Linux", "1.0",
                "en", "", "en", null, null, new HelpGetConfig()));
        TlObject read = Layers.forClient(198).read(new TlReader(call.toBytes()));
        assertThat(read).isEqualTo(call);
    }

    @Test
    void anOldLayerSendMessageBecomesTheNewestRecord() {
        TlSchema l158 = Layers.load(158);
        TlCombinator send = l158.byName("messages.sendMessage");
        assertThat(send.id()).isNotEqualTo(MessagesSendMessage.CONSTRUCTOR_ID);
        // layer 158: flags no_webpage:flags.1?true silent:flags.5?true background:flags.6?true clear_draft:flags.7?true
        // noforwards:flags.14?true update_stickersets_order:flags.15?true peer reply_to_msg_id:flags.0?int
        // top_msg_id:flags.9?int message random_id reply_markup:flags.2? entities:flags.3? schedule_date:flags.10? send_as:flags.13?
        TlWriter w = new TlWriter();
        w.writeInt(send.id()).writeInt(1 << 5);
        new InputPeerSelf().serialize(w);
        w.writeString("hi").writeLong(99L);
        MessagesSendMessage m = (MessagesSendMessage) Layers.forClient(158).read(new TlReader(w.toByteArray()));
        assertThat(m.silent()).isTrue();
        assertThat(m.message()).isEqualTo("hi");
        assertThat(m.randomId()).isEqualTo(99L);
        assertThat(m.peer()).isEqualTo(new InputPeerSelf());
    }

    @Test
    void unknownIdsInTheClientsLayerFailCleanly() {
        byte[] bytes = new TlWriter().writeInt(0x0badf00d).toByteArray();
        assertThatThrownBy(() -> Layers.forClient(198).read(new TlReader(bytes)))
                .isInstanceOf(TlUnknownConstructorException.class);
        assertThat(Layers.servedLayer(200)).isEqualTo(198);
        assertThat(Layers.servedLayer(100)).isEqualTo(158);
        assertThat(Layers.servedLayer(500)).isEqualTo(ApiRegistry.LAYER);
        assertThat(List.of(158, 198, 227)).allMatch(l -> Layers.forClient(l).layer() == l);
    }
}
