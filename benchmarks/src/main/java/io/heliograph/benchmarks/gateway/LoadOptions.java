package io.heliograph.benchmarks.gateway;

import static io.heliograph.benchmarks.CommandLine.nonNegative;

import io.heliograph.benchmarks.CommandLine;
import io.heliograph.mtproto.client.ClientTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command line of {@link GatewayLoad} ({@code --name=value}); host, port and RSA key default to the first DC of
 * {@code var/run/endpoints.json} when that file exists (written by {@code bin/heliograph}).
 */
record LoadOptions(String host, int port, Path rsaPem, ClientTransport transport, int connections, int authorized,
        int handshakeConcurrency, int pings, int handshakes, String call, OptionalLong gatewayPid, boolean selfTest,
        int eventLoops, int dcId) {

    static final String USAGE = """
            GatewayLoad: idle-connection load against an MTProto gateway, latency and heap per connection vs a baseline.
              --host=127.0.0.1 --port=<tcp port>     the gateway (default: first DC of var/run/endpoints.json)
              --rsa-pem=<file>                       the server's PKCS#1 public key (default: from endpoints.json)
              --connections=10000                    raw connections (req_pq_multi -> resPQ, then idle)
              --authorized=2000                      connections with a new auth key and one call, then idle
              --handshake-concurrency=64             key exchanges in flight at once
              --pings=200 --handshakes=20            latency samples per phase
              --call=getConfig|getNearestDc          the call of each authorized connection and of the handshake sample
              --transport=intermediate               abridged, intermediate, padded_intermediate, full, obfuscated_*, websocket
              --gateway-pid=<pid>                    measure the gateway's heap after full GCs (jcmd)
              --event-loops=<n>                      client event loop threads (default: cores)
              --dc=2                                 the DC id sent in p_q_inner_data_dc
              --endpoints=var/run/endpoints.json     where to read the defaults
              --self-test                            start mtproto-core's server in this JVM and load it (smoke run)
            """;

    static LoadOptions parse(String[] args) throws IOException {
        Map<String, String> a = CommandLine.parse(args, USAGE);
        Map<String, String> defaults = endpointDefaults(Path.of(a.getOrDefault("endpoints", "var/run/endpoints.json")));
        boolean selfTest = Boolean.parseBoolean(a.getOrDefault("self-test", "false"));
        String host = a.getOrDefault("host", defaults.getOrDefault("host", "127.0.0.1"));
        String port = a.getOrDefault("port", defaults.get("port"));
        String pem = a.getOrDefault("rsa-pem", defaults.get("rsa-pem"));
        if (!selfTest && (port == null || pem == null)) {
            throw new IllegalArgumentException("--port and --rsa-pem are needed (no var/run/endpoints.json)\n" + USAGE);
        }
        String pid = a.get("gateway-pid");
        return new LoadOptions(host, port == null ? 0 : Integer.parseInt(port), pem == null ? null : Path.of(pem),
                ClientTransport.valueOf(a.getOrDefault("transport", "intermediate").toUpperCase(Locale.ROOT)),
                nonNegative(a, "connections", 10_000), nonNegative(a, "authorized", 2_000),
                nonNegative(a, "handshake-concurrency", 64), nonNegative(a, "pings", 200), nonNegative(a, "handshakes", 20),
                a.getOrDefault("call", "getConfig"),
                pid == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(pid)), selfTest,
                nonNegative(a, "event-loops", Runtime.getRuntime().availableProcessors()), nonNegative(a, "dc", 2));
    }

    /** host, port and rsa-pem of the first DC in endpoints.json (the PEM path resolved against the repository root). */
    private static Map<String, String> endpointDefaults(Path file) throws IOException {
        Map<String, String> out = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        JsonNode root = JsonMapper.builder().build().readTree(Files.readString(file));
        JsonNode dc = root.path("dcs").path(0);
        if (dc.has("host")) {
            out.put("host", dc.get("host").asString());
        }
        if (dc.has("tcpPort")) {
            out.put("port", Integer.toString(dc.get("tcpPort").asInt()));
        }
        if (root.hasNonNull("rsaPublicKeyPemPath")) {
            Path pem = Path.of(root.get("rsaPublicKeyPemPath").asString());
            Path root2 = file.toAbsolutePath().getParent().getParent().getParent();
            out.put("rsa-pem", (pem.isAbsolute() || Files.exists(pem) || root2 == null ? pem : root2.resolve(pem)).toString());
        }
        return out;
    }
}
