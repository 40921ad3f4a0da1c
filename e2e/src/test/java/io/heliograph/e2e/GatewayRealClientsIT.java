package io.heliograph.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.mtproto.crypto.RsaKeys;
import io.heliograph.testsupport.RealClients;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real third-party clients, installed from npm and given only our address and RSA key, connect to a standalone DC's
 * gateway over each transport they use, read this platform's configuration, are told they are not logged in, and
 * stay connected for a minute.
 */
@ExtendWith(E2ePlatform.class)
class GatewayRealClientsIT {

    private static final int HOLD_SECONDS = 62;
    private static Path clients;

    @BeforeAll
    static void install() throws Exception {
        clients = RealClients.install();
    }

    @Test
    void gramJsMtcuteMtprotoCoreAndAWebSocketClientConnectReadTheConfigAndStayConnected() throws Exception {
        E2ePlatform.Started platform = E2ePlatform.platform();
        RSAPublicKey key = platform.rsaKey();
        JsonNode dc2 = platform.dc(2);
        String host = dc2.get("host").asString();
        String tcp = Integer.toString(dc2.get("tcpPort").asInt());
        String wsPort = Integer.toString(java.net.URI.create(dc2.get("webSocketUrl").asString()).getPort());
        String hold = "--hold=" + HOLD_SECONDS;
        List<List<String>> commands = List.of(
                List.of("node", "gramjs-connect.js", host, tcp, key.getModulus().toString(), key.getPublicExponent().toString(),
                        Long.toString(RsaKeys.fingerprint(key)), hold),
                List.of("node", "mtcute-connect.mjs", host, tcp, platform.rsaPem().toString(), hold),
                List.of("node", "mtproto-core-connect.js", host, tcp, key.getModulus().toString(16),
                        key.getPublicExponent().toString(16), Long.toUnsignedString(RsaKeys.fingerprint(key)), hold),
                // a browser-style client: obfuscated transport in binary WebSocket frames on /apiws
                List.of("node", "gramjs-connect.js", host, wsPort, key.getModulus().toString(), key.getPublicExponent().toString(),
                        Long.toString(RsaKeys.fingerprint(key)), hold, "--websocket"));
        List<String> outputs = RealClients.runAll(clients, commands, HOLD_SECONDS + 120);

        List<Integer> dcPorts = new ArrayList<>();
        for (JsonNode dc : platform.endpoints().get("dcs")) {
            dcPorts.add(dc.get("tcpPort").asInt());
        }
        for (String out : outputs) {
            JsonNode result = lastJson(out);
            assertThat(result.get("ok").asBoolean()).as(out).isTrue();
            assertThat(result.get("thisDc").asInt()).as(out).isEqualTo(2);
            List<Integer> advertised = new ArrayList<>();
            for (JsonNode o : result.get("dcOptions")) {
                advertised.add(o.get("port").asInt());
                assertThat(o.get("ip").asString()).isEqualTo(host);
            }
            assertThat(advertised).as("dc_options name every DC of this platform: " + out).containsExactlyElementsOf(dcPorts);
            assertThat(result.get("expires").asLong()).isGreaterThan(System.currentTimeMillis() / 1000);
            assertThat(result.get("unauthorized").asString()).as(out).isEqualTo("AUTH_KEY_UNREGISTERED");
            assertThat(result.get("heldSeconds").asInt()).as(out).isGreaterThanOrEqualTo(60);
            assertThat(result.get("calls").asInt()).as("a call every 10 s on the same client: " + out).isGreaterThanOrEqualTo(6);
        }
    }

    static JsonNode lastJson(String output) {
        String[] lines = output.strip().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].startsWith("{")) {
                return JsonMapper.builder().build().readTree(lines[i]);
            }
        }
        throw new AssertionError("no JSON result in:\n" + output);
    }
}
