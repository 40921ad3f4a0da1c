package io.heliograph.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import io.heliograph.mtproto.crypto.RsaKeys;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole platform as an operator starts it ({@code bin/heliograph start}): two DCs with two gateway instances each,
 * on the Kafka and Cassandra of the {@code test} infra instance, started once for every e2e test class that uses it
 * and stopped (leaving the infrastructure to {@code bin/heliograph test}) when the run ends.
 */
public final class E2ePlatform implements BeforeAllCallback {

    static final Path ROOT = Path.of(System.getProperty("heliograph.repo.root", "..")).toAbsolutePath().normalize();
    static final String VAR = "var/e2e-platform";
    static final int PORT_BASE = 20000;
    /** The connection test opens 10,000 from one address; the default of 1000 per address applies elsewhere. */
    static final int MAX_CONNECTIONS_PER_IP = 15000;

    private static volatile Started started;

    /** What endpoints.json says, parsed. */
    public record Started(JsonNode endpoints, RSAPublicKey rsaKey, Path rsaPem)
            implements ExtensionContext.Store.CloseableResource {

        public JsonNode dc(int id) {
            for (JsonNode dc : endpoints.get("dcs")) {
                if (dc.get("id").asInt() == id) {
                    return dc;
                }
            }
            throw new IllegalArgumentException("no DC " + id);
        }

        public JsonNode gateway(int dc, int instance) {
            return dc(dc).get("gateways").get(instance);
        }

        public String serviceUrl(String service) {
            return endpoints.get("services").get(service).asString().replace("/actuator/health", "");
        }

        /** A gateway instance's Prometheus text. */
        public String metrics(int dc, int instance) throws Exception {
            return get(gateway(dc, instance).get("httpUrl").asString() + "/actuator/prometheus");
        }

        @Override
        public void close() throws Throwable {
            run("stop");
        }
    }

    public static Started platform() {
        if (started == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(E2ePlatform.class)");
        }
        return started;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (E2ePlatform.class) {
            if (started == null) {
                String out = run("start");
                Path endpointsFile = ROOT.resolve(VAR).resolve("run/endpoints.json");
                if (!Files.exists(endpointsFile)) {
                    throw new IllegalStateException("bin/heliograph start wrote no endpoints:\n" + out);
                }
                JsonNode endpoints = JsonMapper.builder().build().readTree(Files.readString(endpointsFile));
                Path pem = ROOT.resolve(endpoints.get("rsaPublicKeyPemPath").asString());
                started = new Started(endpoints, RsaKeys.parsePkcs1Pem(Files.readString(pem)), pem);
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(E2ePlatform.class, started);
            }
        }
    }

    /** The body of a GET. */
    static String get(String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static String run(String command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("bin/heliograph").toString(), command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true);
        pb.environment().put("HELIOGRAPH_VAR", VAR);
        pb.environment().put("HELIOGRAPH_INFRA_INSTANCE", "test");
        pb.environment().put("HELIOGRAPH_KEEP_INFRA", "1");
        pb.environment().put("HELIOGRAPH_PORT_BASE", Integer.toString(PORT_BASE));
        pb.environment().put("HELIOGRAPH_GATEWAYS_PER_DC", "2");
        pb.environment().put("HELIOGRAPH_SKIP_BUILD", "1");
        pb.environment().put("HELIOGRAPH_GATEWAY_MAXCONNECTIONSPERIP", Integer.toString(MAX_CONNECTIONS_PER_IP));
        // and as many key exchanges as that from one address
        pb.environment().put("HELIOGRAPH_GATEWAY_HANDSHAKEFLOOD_PERSECOND", "100000");
        pb.environment().put("HELIOGRAPH_GATEWAY_HANDSHAKEFLOOD_BURST", "100000");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("bin/heliograph " + command + " did not finish:\n" + out);
        }
        System.out.println("$ bin/heliograph " + command + "\n" + out);
        if (p.exitValue() != 0) {
            throw new AssertionError("bin/heliograph " + command + " exited " + p.exitValue() + ":\n" + out);
        }
        return out;
    }

    static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}
