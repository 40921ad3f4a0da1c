package io.heliograph.mtproto.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.mtproto.crypto.MessageKeys;
import io.heliograph.mtproto.crypto.PacketCipher;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.api.ApiRegistry;
import io.heliograph.tl.layer.Layers;
import io.heliograph.tl.mtproto.MtprotoRegistry;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The seed corpora get where they are meant to: past framing and (for the encrypted ones) decryption, to an answer
 * on a connection that stays open. Checked for the files checked in under src/test/resources and for what
 * {@link FuzzSeeds} generates now (so both stay useful as the protocol code and the schemas change).
 */
class FuzzSeedsTest {

    @Test
    void connectionSeedsAreAnsweredAndKeepTheConnectionOpen() throws Exception {
        BiConsumer<String, byte[]> check = (name, seed) -> {
            if (name.startsWith("regression-")) {
                return; // inputs of past findings need not be answered; the fuzz target replays them
            }
            ServerUnderTest server = TransportSessionFuzzTest.run(seed);
            if (name.startsWith("raw-http")) {
                // the HTTP transport answers on the same port
                assertThat(server.outbound()).as(name).isNotEmpty().allMatch(
                        frame -> new String(frame, java.nio.charset.StandardCharsets.US_ASCII).startsWith("HTTP/1.1 "), "an HTTP response");
                return;
            }
            // the -404 transport error is a 4-byte payload; anything answered is larger (a quick ack, also 4 bytes,
            // may come first when the seed asked for one)
            assertThat(server.outbound()).as(name).isNotEmpty().anyMatch(frame -> frame.length > 16, "longer than -404");
        };
        FuzzSeeds.connection().forEach(check);
        checkedIn(TransportSessionFuzzTest.class, "connection").forEach(check);
    }

    @Test
    void decryptSeedsDecrypt() throws Exception {
        BiConsumer<String, byte[]> check = (name, seed) -> {
            int flags = seed[0];
            int x = (flags & 8) != 0 ? MessageKeys.SERVER_TO_CLIENT : MessageKeys.CLIENT_TO_SERVER;
            var key = (flags & 4) != 0 ? FuzzFixtures.TEMP_KEY : FuzzFixtures.PERM_KEY;
            byte[] rest = Arrays.copyOfRange(seed, 1, seed.length);
            byte[] packet = (flags & 1) == 0 ? rest : FuzzFixtures.seal(key, x, rest);
            assertThat(PacketCipher.decrypt(key, x, packet, 0, packet.length)).as(name)
                    .isInstanceOf(PacketCipher.Decrypted.class);
        };
        FuzzSeeds.decrypt().forEach(check);
        checkedIn(PacketDecryptFuzzTest.class, "decrypt").forEach(check);
    }

    @Test
    void decodeSeedsDecode() throws Exception {
        for (Map<String, byte[]> seeds : java.util.List.of(FuzzSeeds.decode(), checkedIn(TlDecodeFuzzTest.class, "decode"))) {
            assertThat(MtprotoRegistry.read(new TlReader(seeds.get("req-pq-multi"))).tlName()).isEqualTo("req_pq_multi");
            assertThat(ApiRegistry.read(new TlReader(seeds.get("newest-send-message"))).tlName()).isEqualTo("invokeWithLayer");
            for (int layer : TlChecks.OLD_LAYERS) {
                assertThat(Layers.forClient(layer).read(new TlReader(seeds.get("layer-" + layer + "-send-message")))
                        .tlName()).isEqualTo("invokeWithLayer");
            }
        }
    }

    /** The checked-in inputs of a target (seeds and regression inputs), by file name. */
    static Map<String, byte[]> checkedIn(Class<?> target, String method) throws IOException, URISyntaxException {
        URL url = FuzzSeedsTest.class.getResource("/" + FuzzSeeds.inputs(target, method).toString().replace('\\', '/'));
        assertThat(url).as("inputs of %s", target.getSimpleName()).isNotNull();
        Map<String, byte[]> inputs = new TreeMap<>();
        try (var files = Files.list(Path.of(url.toURI()))) {
            for (Path f : files.toList()) {
                inputs.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return inputs;
    }
}
