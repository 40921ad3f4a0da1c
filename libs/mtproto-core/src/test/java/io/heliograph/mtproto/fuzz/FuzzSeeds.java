package io.heliograph.mtproto.fuzz;

import static io.heliograph.mtproto.fuzz.FuzzFixtures.ABRIDGED;
import static io.heliograph.mtproto.fuzz.FuzzFixtures.FULL;
import static io.heliograph.mtproto.fuzz.FuzzFixtures.INTERMEDIATE;
import static io.heliograph.mtproto.fuzz.FuzzFixtures.PADDED_INTERMEDIATE;
import static io.heliograph.mtproto.fuzz.FuzzFixtures.concat;
import static io.heliograph.mtproto.fuzz.FuzzFixtures.frame;
import static io.heliograph.mtproto.fuzz.FuzzFixtures.init;
import static io.heliograph.mtproto.fuzz.FuzzFixtures.msgId;
import static io.heliograph.mtproto.fuzz.FuzzFixtures.unencrypted;

import io.heliograph.mtproto.crypto.AesCtr;
import io.heliograph.mtproto.crypto.MessageKeys;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.TlWriter;
import io.heliograph.tl.api.AuthBindTempAuthKey;
import io.heliograph.tl.api.ChannelsDeleteMessages;
import io.heliograph.tl.api.HelpGetConfig;
import io.heliograph.tl.api.HelpGetNearestDc;
import io.heliograph.tl.api.InitConnection;
import io.heliograph.tl.api.InputChannel;
import io.heliograph.tl.api.InputPeerUser;
import io.heliograph.tl.api.InvokeAfterMsgs;
import io.heliograph.tl.api.InvokeWithLayer;
import io.heliograph.tl.api.JsonObject;
import io.heliograph.tl.api.JsonObjectValue;
import io.heliograph.tl.api.JsonString;
import io.heliograph.tl.api.MessageEntityBold;
import io.heliograph.tl.api.MessagesGetHistory;
import io.heliograph.tl.api.MessagesSendMessage;
import io.heliograph.tl.api.UpdatesGetDifference;
import io.heliograph.tl.layer.Layers;
import io.heliograph.tl.mtproto.AccessPointRule;
import io.heliograph.tl.mtproto.DestroySession;
import io.heliograph.tl.mtproto.FutureSalt;
import io.heliograph.tl.mtproto.FutureSalts;
import io.heliograph.tl.mtproto.GetFutureSalts;
import io.heliograph.tl.mtproto.HelpConfigSimple;
import io.heliograph.tl.mtproto.IpPortSecret;
import io.heliograph.tl.mtproto.MsgsAck;
import io.heliograph.tl.mtproto.MsgsStateReq;
import io.heliograph.tl.mtproto.Ping;
import io.heliograph.tl.mtproto.PingDelayDisconnect;
import io.heliograph.tl.mtproto.ReqPqMulti;
import io.heliograph.tl.mtproto.RpcDropAnswer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The seed corpora of the fuzz targets, built from real messages so that the fuzzer starts from inputs that get deep:
 * every transport framing a client can choose, an obfuscated2 connection, unencrypted req_pq_multi, packets
 * encrypted for the registered key, containers, gzip and layer wrappers, and TL objects in the newest and the older
 * layers. They are reproducible (fixed keys, clock and padding), checked in under
 * {@code src/test/resources/io/heliograph/mtproto/fuzz/<Target>Inputs/<method>/}, and regenerated with
 * {@code main} (see docs/fuzzing.md); {@code FuzzSeedsTest} checks that both still get where they should.
 */
final class FuzzSeeds {

    static final byte[] NONCE = FuzzFixtures.expand("nonce", 16);

    private FuzzSeeds() {
    }

    /** Writes every corpus under {@code args[0]} (default: this module's src/test/resources). */
    public static void main(String[] args) throws IOException {
        Path module = Files.isDirectory(Path.of("libs/mtproto-core")) ? Path.of("libs/mtproto-core") : Path.of("");
        Path root = args.length > 0 ? Path.of(args[0]) : module.resolve("src/test/resources");
        for (Map.Entry<Path, Map<String, byte[]>> corpus : corpora().entrySet()) {
            Path dir = root.resolve(corpus.getKey());
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> seed : corpus.getValue().entrySet()) {
                Files.write(dir.resolve(seed.getKey()), seed.getValue());
            }
            System.out.println(corpus.getValue().size() + " seeds in " + dir);
        }
    }

    /** Resource directory (relative to the resources root) to seed name to bytes. */
    static Map<Path, Map<String, byte[]>> corpora() {
        Map<Path, Map<String, byte[]>> all = new LinkedHashMap<>();
        all.put(inputs(TransportSessionFuzzTest.class, "connection"), connection());
        all.put(inputs(PacketDecryptFuzzTest.class, "decrypt"), decrypt());
        all.put(inputs(TlDecodeFuzzTest.class, "decode"), decode());
        return all;
    }

    static Path inputs(Class<?> target, String method) {
        return Path.of(target.getPackageName().replace('.', '/'), target.getSimpleName() + "Inputs", method);
    }

    // ---- TransportSessionFuzzTest ---------------------------------------------------------------------------

    static Map<String, byte[]> connection() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        byte[] reqPq = unencrypted(msgId(1), new ReqPqMulti(NONCE).toBytes());
        seeds.put("raw-intermediate-req-pq-multi", raw(0, concat(init(INTERMEDIATE), frame(INTERMEDIATE, reqPq, false, 0))));
        seeds.put("raw-abridged-req-pq-multi-split", raw(7, concat(init(ABRIDGED), frame(ABRIDGED, reqPq, false, 0))));
        seeds.put("raw-padded-intermediate-req-pq-multi",
                raw(0, concat(init(PADDED_INTERMEDIATE), frame(PADDED_INTERMEDIATE, reqPq, true, 0))));
        seeds.put("raw-full-req-pq-multi", raw(0, frame(FULL, reqPq, false, 0)));
        seeds.put("raw-full-two-packets-split",
                raw(19, concat(frame(FULL, reqPq, false, 0), frame(FULL, encrypted(new Ping(1).toBytes(), 1), false, 1))));
        seeds.put("raw-obfuscated-intermediate-req-pq-multi", raw(0, obfuscated(0xeeeeeeee, frame(INTERMEDIATE, reqPq, false, 0))));
        seeds.put("raw-obfuscated-abridged-ping",
                raw(3, obfuscated(0xefefefef, frame(ABRIDGED, encrypted(new Ping(2).toBytes(), 1), true, 0))));
        seeds.put("raw-intermediate-encrypted-ping",
                raw(0, concat(init(INTERMEDIATE), frame(INTERMEDIATE, encrypted(new Ping(3).toBytes(), 1), false, 0))));
        seeds.put("raw-abridged-encrypted-get-nearest-dc", raw(0, concat(init(ABRIDGED),
                frame(ABRIDGED, encrypted(withLayer(227, new HelpGetNearestDc()), 1), false, 0))));
        seeds.put("raw-http-post", raw(0, "POST /api HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nabcd"
                .getBytes(StandardCharsets.US_ASCII)));

        seeds.put("sealed-ping", sealed(INTERMEDIATE, 1, 1, new Ping(77).toBytes()));
        seeds.put("sealed-abridged-quick-ack-ping-twice", sealed(ABRIDGED | 4 | 32, 1, 1, new Ping(78).toBytes()));
        seeds.put("sealed-full-ping-delay-disconnect", sealed(FULL, 1, 1, new PingDelayDisconnect(79, 75).toBytes()));
        seeds.put("sealed-padded-get-future-salts", sealed(PADDED_INTERMEDIATE, 1, 1, new GetFutureSalts(3).toBytes()));
        seeds.put("sealed-msgs-ack", sealed(INTERMEDIATE, 1, 2, new MsgsAck(List.of(msgId(0), msgId(1))).toBytes()));
        seeds.put("sealed-msgs-state-req", sealed(INTERMEDIATE, 1, 2, new MsgsStateReq(List.of(msgId(0))).toBytes()));
        seeds.put("sealed-destroy-session", sealed(INTERMEDIATE, 1, 1, new DestroySession(FuzzFixtures.SESSION_ID + 1).toBytes()));
        seeds.put("sealed-rpc-drop-answer", sealed(INTERMEDIATE, 1, 1, new RpcDropAnswer(msgId(0)).toBytes()));
        seeds.put("sealed-container-gzip-layers", sealed(INTERMEDIATE, 9, 4, container()));
        seeds.put("sealed-layer-158-send-message", sealed(INTERMEDIATE, 1, 1, withLayer(158, sendMessage())));
        seeds.put("sealed-layer-198-get-history", sealed(ABRIDGED, 1, 1, withLayer(198, getHistory())));
        seeds.put("sealed-invoke-after-msgs", sealed(INTERMEDIATE, 2, 1,
                new InvokeAfterMsgs<>(List.of(msgId(1)), new HelpGetNearestDc()).toBytes()));
        seeds.put("sealed-temp-key-get-config", sealed(INTERMEDIATE | 8, 1, 1, withLayer(227, new HelpGetConfig())));
        seeds.put("sealed-temp-key-bind", sealed(INTERMEDIATE | 8, 1, 1, new AuthBindTempAuthKey(FuzzFixtures.PERM_KEY.id(), 5,
                (int) FuzzFixtures.NOW + 3600, FuzzFixtures.seal(FuzzFixtures.PERM_KEY, 0, new byte[64])).toBytes()));
        byte[] plain = FuzzFixtures.plaintext(FuzzFixtures.SALT, FuzzFixtures.SESSION_ID, msgId(1), 1, new Ping(80).toBytes());
        seeds.put("sealed-whole-plaintext", concat(new byte[] {1, 0, (byte) (INTERMEDIATE | 16)}, plain));
        return seeds;
    }

    private static byte[] raw(int chunkSeed, byte[] stream) {
        return concat(new byte[] {0, (byte) chunkSeed}, stream);
    }

    /** A sealed-mode input: options byte, msg_id low word ({@code n} steps), seq_no, body. */
    private static byte[] sealed(int options, int n, int seqNo, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        out.write(0);
        out.write(options);
        FuzzFixtures.writeIntLE(out, (int) msgId(n));
        FuzzFixtures.writeIntLE(out, seqNo);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** A client packet encrypted for the registered permanent key, as the first message of the fixed session. */
    static byte[] encrypted(byte[] body, int seqNo) {
        return FuzzFixtures.seal(FuzzFixtures.PERM_KEY, MessageKeys.CLIENT_TO_SERVER,
                FuzzFixtures.plaintext(FuzzFixtures.SALT, FuzzFixtures.SESSION_ID, msgId(1), seqNo, body));
    }

    /** An obfuscated2 connection with this protocol tag, carrying {@code frames} (already framed). */
    static byte[] obfuscated(int tag, byte[] frames) {
        byte[] init = FuzzFixtures.expand("obfuscated2 init", 64);
        init[0] = 0x11; // none of the other transports' markers
        init[4] = 0x22;
        byte[] tagBytes = {(byte) tag, (byte) (tag >>> 8), (byte) (tag >>> 16), (byte) (tag >>> 24)};
        System.arraycopy(tagBytes, 0, init, 56, 4);
        init[60] = 2;
        init[61] = 0;
        AesCtr ctr = new AesCtr(Arrays.copyOfRange(init, 8, 40), Arrays.copyOfRange(init, 40, 56));
        byte[] encrypted = ctr.update(init);
        byte[] header = init.clone();
        System.arraycopy(encrypted, 56, header, 56, 8);
        return concat(header, ctr.update(frames));
    }

    private static byte[] withLayer(int layer, io.heliograph.tl.TlFunction<?> query) {
        return Layers.forClient(layer).toBytes(new InvokeWithLayer<>(layer, new InitConnection<>(6, "Fuzz", "Linux", "1.0",
                "en", "", "en", null, new JsonObject(List.of(new JsonObjectValue("tz", new JsonString("UTC")))), query)));
    }

    private static MessagesSendMessage sendMessage() {
        return new MessagesSendMessage(false, true, false, false, false, false, false, false, new InputPeerUser(1, 2),
                null, "hello", 42L, null, List.of(new MessageEntityBold(0, 5)), null, null, null, null, null, null, null,
                null);
    }

    private static MessagesGetHistory getHistory() {
        return new MessagesGetHistory(new InputPeerUser(3, 4), 0, 0, 0, 20, 0, 0, 0);
    }

    private static byte[] container() {
        byte[] first = withLayer(198, new HelpGetNearestDc());
        byte[] second = gzipPacked(new GetFutureSalts(2).toBytes());
        byte[] third = new UpdatesGetDifference(1, null, null, 0, 0, null).toBytes();
        TlWriter w = new TlWriter();
        w.writeInt(0x73f1f8dc).writeInt(3);
        w.writeLong(msgId(1)).writeInt(1).writeInt(first.length).writeRaw(first);
        w.writeLong(msgId(2)).writeInt(3).writeInt(second.length).writeRaw(second);
        w.writeLong(msgId(3)).writeInt(5).writeInt(third.length).writeRaw(third);
        return w.toByteArray();
    }

    static byte[] gzipPacked(byte[] body) {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] packed = gz.toByteArray();
        packed[9] = 3; // the OS byte of the gzip header, which differs between JDKs: keep the seed reproducible
        return new TlWriter().writeInt(0x3072cfa1).writeBytes(packed).toByteArray();
    }

    // ---- PacketDecryptFuzzTest ------------------------------------------------------------------------------

    static Map<String, byte[]> decrypt() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        byte[] ping = FuzzFixtures.plaintext(FuzzFixtures.SALT, FuzzFixtures.SESSION_ID, msgId(1), 1, new Ping(5).toBytes());
        seeds.put("packet-ping", concat(new byte[] {0}, encrypted(new Ping(5).toBytes(), 1)));
        seeds.put("packet-forced-key-id", concat(new byte[] {2}, encrypted(container(), 4)));
        seeds.put("sealed-ping", concat(new byte[] {1}, ping));
        seeds.put("sealed-temp-key-layer-158", concat(new byte[] {5}, FuzzFixtures.plaintext(FuzzFixtures.SALT,
                FuzzFixtures.SESSION_ID, msgId(1), 1, withLayer(158, sendMessage()))));
        seeds.put("sealed-server-to-client-future-salts", concat(new byte[] {9}, FuzzFixtures.plaintext(FuzzFixtures.SALT,
                FuzzFixtures.SESSION_ID, msgId(1), 1, new FutureSalts(msgId(1), (int) FuzzFixtures.NOW,
                        List.of(new FutureSalt(1, 2, 3))).toBytes())));
        return seeds;
    }

    // ---- TlDecodeFuzzTest -----------------------------------------------------------------------------------

    static Map<String, byte[]> decode() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("req-pq-multi", new ReqPqMulti(NONCE).toBytes());
        seeds.put("msg-container", container());
        seeds.put("gzip-packed", gzipPacked(new Ping(9).toBytes()));
        seeds.put("help-config-simple", new HelpConfigSimple(1, 2, List.of(new AccessPointRule(
                "+1".getBytes(StandardCharsets.UTF_8), 2, List.of(new IpPortSecret(0x7f000001, 443, new byte[16]))))).toBytes());
        seeds.put("newest-send-message", withLayerNewest(sendMessage()));
        seeds.put("newest-delete-messages", new ChannelsDeleteMessages(new InputChannel(5, 6), List.of(1, 2, 3)).toBytes());
        for (int layer : TlChecks.OLD_LAYERS) {
            seeds.put("layer-" + layer + "-send-message", withLayer(layer, sendMessage()));
            seeds.put("layer-" + layer + "-get-history", withLayer(layer, getHistory()));
        }
        return seeds;
    }

    private static byte[] withLayerNewest(TlObject query) {
        return new InvokeWithLayer<>(io.heliograph.tl.api.ApiRegistry.LAYER, (io.heliograph.tl.TlFunction<?>) query).toBytes();
    }
}
