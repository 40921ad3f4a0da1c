package io.heliograph.mtproto.fuzz;

import static io.heliograph.mtproto.fuzz.FuzzFixtures.INTERMEDIATE;
import static io.heliograph.mtproto.fuzz.FuzzFixtures.PADDED_INTERMEDIATE;
import static io.heliograph.mtproto.fuzz.FuzzFixtures.concat;
import static io.heliograph.mtproto.fuzz.FuzzFixtures.frame;
import static io.heliograph.mtproto.fuzz.FuzzFixtures.init;
import static io.heliograph.mtproto.fuzz.FuzzFixtures.msgId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heliograph.mtproto.crypto.MessageKeys;
import io.heliograph.mtproto.crypto.PacketCipher;
import io.heliograph.tl.TlDecodeException;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.TlWriter;
import io.heliograph.tl.api.InputMediaPoll;
import io.heliograph.tl.api.InputPeerUser;
import io.heliograph.tl.api.MessagesSendMessage;
import io.heliograph.tl.api.Poll;
import io.heliograph.tl.api.PollResults;
import io.heliograph.tl.api.TextWithEntities;
import io.heliograph.tl.layer.Layers;
import io.heliograph.tl.mtproto.MtprotoRegistry;
import io.heliograph.tl.mtproto.Ping;
import io.heliograph.tl.mtproto.ReqPqMulti;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the fuzz targets found, as plain regression tests (the inputs themselves are also in the corpora). */
class FuzzFindingsTest {

    @Test
    void paddedIntermediatePaddingAfterAMessageIsIgnored() {
        // the session used to require the frame to be exactly the message: any padding closed the connection (-404)
        byte[] plain = FuzzFixtures.unencrypted(msgId(1), new ReqPqMulti(FuzzSeeds.NONCE).toBytes()); // 40 bytes: 8 padding
        assertThat(answers(PADDED_INTERMEDIATE, plain)).containsExactly("resPQ");
        byte[] encrypted = FuzzSeeds.encrypted(new Ping(1).toBytes(), 1); // 24 + 16k bytes: 8 padding
        assertThat(answers(PADDED_INTERMEDIATE, encrypted)).contains("new_session_created", "pong");
    }

    @Test
    void gzipInsideGzipIsRefusedInsteadOfRecursing() {
        // each level recursed and unpacked again: 6000 levels (a 455 KB message) overflowed the stack
        byte[] body = new Ping(1).toBytes();
        for (int i = 0; i < 3; i++) {
            body = FuzzSeeds.gzipPacked(body);
        }
        assertThat(answers(INTERMEDIATE, FuzzSeeds.encrypted(body, 1))).containsExactly("new_session_created",
                "rpc_result/rpc_error");
        // one level is fine
        assertThat(answers(INTERMEDIATE, FuzzSeeds.encrypted(FuzzSeeds.gzipPacked(new Ping(1).toBytes()), 1)))
                .contains("pong");
    }

    @Test
    void allGzipOfOnePacketShareOneUnpackingBudget() {
        // each gzip_packed of a container could unpack to 16 MiB: a 1 MiB packet of them, to gigabytes
        byte[] big = Arrays.copyOf(new Ping(1).toBytes(), 9 << 20);
        byte[] gz = FuzzSeeds.gzipPacked(big);
        TlWriter container = new TlWriter();
        container.writeInt(0x73f1f8dc).writeInt(2);
        container.writeLong(msgId(1)).writeInt(1).writeInt(gz.length).writeRaw(gz);
        container.writeLong(msgId(2)).writeInt(3).writeInt(gz.length).writeRaw(gz);
        byte[] packet = FuzzFixtures.seal(FuzzFixtures.PERM_KEY, MessageKeys.CLIENT_TO_SERVER, FuzzFixtures.plaintext(
                FuzzFixtures.SALT, FuzzFixtures.SESSION_ID, msgId(3), 4, container.toByteArray()));
        List<String> answers = answers(INTERMEDIATE, packet);
        assertThat(answers).containsOnlyOnce("pong").contains("rpc_result/rpc_error");
    }

    @Test
    void layerCodecRefusesAVectorElementOfAnotherType() {
        // an old layer's messages.sendMessage whose entities held an inputPeerUser decoded, and failed with a
        // ClassCastException wherever the entities were used
        MessagesSendMessage send = new MessagesSendMessage(false, false, false, false, false, false, false, false,
                new InputPeerUser(1, 2), null, "hello", 42L, null, List.of(), null, null, null, null, null, null, null,
                null);
        byte[] ok = Layers.forClient(227).toBytes(send);
        byte[] entities = new TlWriter().writeInt(0x1cb5c415).writeInt(0).toByteArray();
        int at = indexOf(ok, entities);
        assertThat(at).isPositive();
        byte[] peer = new InputPeerUser(1, 2).toBytes();
        byte[] bad = concat(Arrays.copyOf(ok, at), new TlWriter().writeInt(0x1cb5c415).writeInt(1).toByteArray(), peer,
                Arrays.copyOfRange(ok, at + entities.length, ok.length));
        // set the entities flag (bit 3) so the vector is read
        int flags = FuzzFixtures.intLE(bad, 4) | 1 << 3;
        System.arraycopy(new TlWriter().writeInt(flags).toByteArray(), 0, bad, 4, 4);
        assertThatThrownBy(() -> Layers.forClient(227).read(new TlReader(bad))).isInstanceOf(TlDecodeException.class)
                .hasMessageContaining("MessageEntity");
    }

    @Test
    void layerCodecDropsAVectorWhoseElementTypeChangedBetweenLayers() {
        // layer 158 pollResults.recent_voters is Vector<long>, now Vector<Peer>: the record held Longs as TPeers
        byte[] pollResults = HexFormat.of().parseHex("a32eb8dc0800000015c4b51c010000000700000000000000");
        PollResults results = (PollResults) Layers.forClient(158).read(new TlReader(pollResults));
        assertThat(results.recentVoters()).isNull();
        assertThat(results.toBytes()).isNotEmpty();
        // layer 198 inputMediaPoll.correct_answers is Vector<bytes>, now Vector<int>: byte arrays as Integers
        byte[] media = new TlWriter().writeInt(0x0f94e5f1).writeInt(1)
                .writeRaw(Layers.forClient(198).toBytes(new Poll(1, false, false, false, true, false, false, false, false,
                        false, false, new TextWithEntities("q", List.of()), List.of(), null, null, null, 0)))
                .writeInt(0x1cb5c415).writeInt(1).writeBytes(new byte[] {0}).toByteArray();
        InputMediaPoll poll = (InputMediaPoll) Layers.forClient(198).read(new TlReader(media));
        assertThat(poll.correctAnswers()).isNull();
        assertThat(poll.toBytes()).isNotEmpty();
    }

    @Test
    void tlReaderRangeCheckDoesNotOverflow() {
        // offset + length overflowed: the reader was created and failed later with ArrayIndexOutOfBoundsException
        assertThatThrownBy(() -> new TlReader(new byte[8], 1, Integer.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- the client's view of what the server sent ----------------------------------------------------------

    /** Sends one payload on a new connection and names the messages the server answered with. */
    private static List<String> answers(int framing, byte[] payload) {
        ServerUnderTest server = new ServerUnderTest(io.heliograph.mtproto.transport.TransportLimits.DEFAULT);
        server.receive(concat(init(framing), frame(framing, payload, false, 0)), 0);
        server.finish();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        server.outbound().forEach(all::writeBytes);
        byte[] stream = all.toByteArray();
        List<String> names = new ArrayList<>();
        for (int pos = 0; pos < stream.length; ) {
            int len = FuzzFixtures.intLE(stream, pos) & 0x7fffffff;
            byte[] p = Arrays.copyOfRange(stream, pos + 4, pos + 4 + len);
            pos += 4 + len;
            if (p.length == 4) {
                names.add("error " + FuzzFixtures.intLE(p, 0));
            } else if (FuzzFixtures.intLE(p, 0) == 0 && FuzzFixtures.intLE(p, 4) == 0) {
                names.add(MtprotoRegistry.name(FuzzFixtures.intLE(p, 20)));
            } else {
                int usable = p.length - (p.length - 24) % 16; // padded intermediate pads server packets too
                PacketCipher.Decrypted d = (PacketCipher.Decrypted) PacketCipher.decrypt(FuzzFixtures.PERM_KEY,
                        MessageKeys.SERVER_TO_CLIENT, p, 0, usable);
                byte[] body = Arrays.copyOfRange(d.plaintext(), 32, 32 + d.messageDataLength());
                if (FuzzFixtures.intLE(body, 0) == 0x73f1f8dc) { // the server sends a burst in one msg_container
                    int n = FuzzFixtures.intLE(body, 4);
                    int at = 8;
                    for (int i = 0; i < n; i++) {
                        int bytes = FuzzFixtures.intLE(body, at + 12);
                        names.add(name(Arrays.copyOfRange(body, at + 16, at + 16 + bytes)));
                        at += 16 + bytes;
                    }
                } else {
                    names.add(name(body));
                }
            }
        }
        names.remove("msgs_ack"); // acknowledgements of the client's messages ride along
        return names;
    }

    private static String name(byte[] body) {
        int id = FuzzFixtures.intLE(body, 0);
        return id == 0xf35c6d01 ? "rpc_result/" + MtprotoRegistry.name(FuzzFixtures.intLE(body, 12)) : MtprotoRegistry.name(id);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
