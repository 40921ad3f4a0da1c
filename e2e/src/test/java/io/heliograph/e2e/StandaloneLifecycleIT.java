package io.heliograph.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.mtproto.crypto.RsaKeys;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator's path through {@code bin/heliograph}: start two DCs in the background on their own Kafka and Cassandra
 * (the {@code e2e} infra instance), find every service UP at the URLs in endpoints.json, then stop and find no
 * process and no open port left behind.
 */
class StandaloneLifecycleIT {

    private static final Path ROOT = Path.of(System.getProperty("heliograph.repo.root", "..")).toAbsolutePath().normalize();
    private static final String VAR = "var/e2e";
    private static final int PORT_BASE = 30000;
    private static final int[] INFRA_PORTS = {29092, 29093, 29042, 27000};

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterAll
    static void cleanUp() throws Exception {
        run("stop");
        run("wipe");
    }

    @Test
    void startsBothDcsReportsEveryServiceUpAndStopsWithoutTrace() throws Exception {
        Result start = run("start");
        assertThat(start.exit()).as(start.output()).isZero();

        Path endpointsFile = ROOT.resolve(VAR).resolve("run/endpoints.json");
        JsonNode endpoints = JsonMapper.builder().build().readTree(Files.readString(endpointsFile));
        assertThat(endpoints.get("dcs")).hasSize(2);
        Map<String, Object> services = JsonMapper.builder().build().convertValue(endpoints.get("services"), Map.class);
        assertThat(services.keySet()).contains("gateway-service-dc1", "gateway-service-dc2", "session-service-dc1",
                "message-service-dc2", "fanout-service-dc1", "media-service-dc2", "bot-api-service-dc1", "secret-chat-relay-dc2");
        assertThat(services).hasSize(14); // one gateway per DC by default
        for (Object url : services.values()) {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(url.toString()).isEqualTo(200);
            JsonNode body = JsonMapper.builder().build().readTree(health.body());
            assertThat(body.get("status").asString()).as(url.toString()).isEqualTo("UP");
            assertThat(body.get("components").get("kafka").get("status").asString()).as(url.toString()).isEqualTo("UP");
        }

        Path pem = ROOT.resolve(endpoints.get("rsaPublicKeyPemPath").asString());
        long fingerprint = RsaKeys.fingerprint(RsaKeys.parsePkcs1Pem(Files.readString(pem)));
        List<Integer> tcpPorts = new ArrayList<>();
        for (JsonNode dc : endpoints.get("dcs")) {
            int tcp = dc.get("tcpPort").asInt();
            tcpPorts.add(tcp);
            assertThat(dc.get("host").asString()).isEqualTo("127.0.0.1");
            assertThat(dc.get("webSocketUrl").asString()).startsWith("ws://127.0.0.1:");
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", tcp), 2000);
                s.setSoTimeout(5000);
                s.getOutputStream().write(new byte[] {(byte) 0xef, 0, 0, 0, 0});
                InputStream in = s.getInputStream();
                assertThat(in.read()).as("abridged framing: one word follows").isEqualTo(1);
                assertThat(ByteBuffer.wrap(in.readNBytes(4)).order(ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(-404);
            }
        }
        String gatewayHealth = services.get("gateway-service-dc1").toString();
        String keyJson = http.send(HttpRequest.newBuilder(URI.create(gatewayHealth.replace("/actuator/health", "/mtproto/public-key"))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(keyJson).contains("\"fingerprint\":\"" + fingerprint + "\"");

        Result status = run("status");
        assertThat(status.exit()).as(status.output()).isZero();
        assertThat(status.output()).contains("gateway-service-dc2").doesNotContain("DOWN");

        long pid = Long.parseLong(Files.readString(ROOT.resolve(VAR).resolve("run/heliograph.pid")).trim());
        List<Long> infraPids = new ArrayList<>();
        for (String f : new String[] {"var/infra/e2e/kafka/kafka.pid", "var/infra/e2e/cassandra/cassandra.pid"}) {
            infraPids.add(Long.parseLong(Files.readString(ROOT.resolve(f)).trim()));
        }

        Result stop = run("stop");
        assertThat(stop.exit()).as(stop.output()).isZero();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("launcher pid " + pid).isFalse();
        for (long p : infraPids) {
            assertThat(ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)).as("infra pid " + p).isFalse();
        }
        List<Integer> ports = new ArrayList<>(tcpPorts);
        for (Object url : services.values()) {
            ports.add(URI.create(url.toString()).getPort());
        }
        for (int p : INFRA_PORTS) {
            ports.add(p);
        }
        for (int port : ports) {
            assertThat(open(port)).as("port " + port + " still open after stop").isFalse();
        }
    }

    private static boolean open(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    record Result(int exit, String output) {
    }

    static Result run(String command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("bin/heliograph").toString(), command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true);
        pb.environment().put("HELIOGRAPH_VAR", VAR);
        pb.environment().put("HELIOGRAPH_INFRA_INSTANCE", "e2e");
        pb.environment().put("HELIOGRAPH_PORT_BASE", Integer.toString(PORT_BASE));
        pb.environment().put("HELIOGRAPH_SKIP_BUILD", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("bin/heliograph " + command + " did not finish:\n" + out);
        }
        System.out.println("$ bin/heliograph " + command + "\n" + out);
        return new Result(p.exitValue(), out);
    }
}
