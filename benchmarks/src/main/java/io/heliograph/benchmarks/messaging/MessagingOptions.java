package io.heliograph.benchmarks.messaging;

import static io.heliograph.benchmarks.CommandLine.positive;

import io.heliograph.benchmarks.CommandLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command line of {@link MessagingLoad} ({@code --name=value}). The gateway and RSA key come from the
 * {@code endpoints.json} that {@code bin/heliograph} writes; Kafka is the platform's own (not in that file).
 */
record MessagingOptions(String host, int port, Path rsaPem, int dc, int pairs, int window, int textSize,
        Duration jitWarmup, Duration warmup, Duration measure, double loadFraction, Duration drain, String kafka, Path kafkaClasspath,
        long kafkaRecords, int e2eMessages, boolean skipKafka, long platformPid, Map<String, String> services,
        Map<String, Long> cpuPids, String cassandra, String keyspace) {

    static final String USAGE = """
            MessagingLoad: end-to-end private messages through the platform with our MTProto client, beside Kafka's own
            perf tools against the platform's Kafka, in one run.
              --endpoints=var/run/endpoints.json     the running platform (bin/heliograph start writes it)
              --dc=1                                 the DC whose gateway and users are used (both users of a pair)
              --pairs=16                             sender/receiver pairs (each a signed-up test user, 99966XYYYY)
              --window=8                             max phase: messages each sender has sent but not yet seen received
              --text-size=100                        characters per message text (timestamp included)
              --jit-warmup=120s                      first, not measured: the closed loop of the max phase, so the
                                                     platform's JIT has compiled its hot paths (0s: none)
              --warmup=5s --measure=15s              each phase: warm-up, then the measured window
              --load=0.3                             latency phase: offered rate as a fraction of the measured max
              --drain=30s                            how long to wait for the last messages of a phase
              --kafka=127.0.0.1:19092                the platform's Kafka (bin/infra env of its instance)
              --kafka-classpath=var/infra/classpath/kafka.cp   class path file of Kafka's tools (bin/infra writes it)
              --kafka-records=300000                 records of ProducerPerformance / ConsumerPerformance
              --cassandra=127.0.0.1:19042            the platform's Cassandra: its partition reads and updates per
                                                     message, and its own single-row write rate (StorageCeiling)
              --keyspace=heliograph_dc<dc>           the DC's keyspace whose counters are read
              --skip-storage                         neither
              --e2e-messages=5000                    messages of EndToEndLatency
              --skip-kafka                           only the platform figures
              --platform-pid=<pid>                   then a saturated phase (not measured) with thread dumps of the
                                                     message-service's box-writer threads (jcmd; same user, a JDK)
              --cpu-pids=platform:<pid>,kafka:<pid>  processes whose CPU time (/proc) is read over the max phase
            """;

    static MessagingOptions parse(String[] args) throws IOException {
        Map<String, String> a = CommandLine.parse(args, USAGE);
        Path endpoints = Path.of(a.getOrDefault("endpoints", "var/run/endpoints.json"));
        if (!Files.isRegularFile(endpoints)) {
            throw new IllegalArgumentException("no " + endpoints + ": start the platform first (bin/heliograph start)\n" + USAGE);
        }
        int dc = positive(a, "dc", 1);
        JsonNode root = JsonMapper.builder().build().readTree(Files.readString(endpoints));
        JsonNode dcNode = null;
        for (JsonNode d : root.path("dcs")) {
            if (d.path("id").asInt() == dc) {
                dcNode = d;
            }
        }
        if (dcNode == null) {
            throw new IllegalArgumentException("no DC " + dc + " in " + endpoints);
        }
        Path pem = Path.of(root.get("rsaPublicKeyPemPath").asString());
        Path repoRoot = endpoints.toAbsolutePath().getParent().getParent().getParent();
        if (!pem.isAbsolute() && !Files.exists(pem) && repoRoot != null) {
            pem = repoRoot.resolve(pem);
        }
        Map<String, String> services = new java.util.TreeMap<>();
        for (var e : root.path("services").properties()) {
            String name = e.getKey();
            if (name.endsWith("-dc" + dc) || name.contains("-dc" + dc + "-")) {
                services.put(name, e.getValue().asString().replace("/actuator/health", ""));
            }
        }
        int textSize = positive(a, "text-size", 100);
        if (textSize < 48) {
            throw new IllegalArgumentException("--text-size must be at least 48 (the header with the timestamp)");
        }
        return new MessagingOptions(dcNode.path("host").asString("127.0.0.1"), dcNode.path("tcpPort").asInt(), pem, dc,
                positive(a, "pairs", 16), positive(a, "window", 8), textSize,
                duration(a, "jit-warmup", "120s"), duration(a, "warmup", "5s"), duration(a, "measure", "15s"),
                Double.parseDouble(a.getOrDefault("load", "0.3")), duration(a, "drain", "30s"),
                a.getOrDefault("kafka", "127.0.0.1:19092"),
                Path.of(a.getOrDefault("kafka-classpath", "var/infra/classpath/kafka.cp")),
                positive(a, "kafka-records", 300_000), positive(a, "e2e-messages", 5_000),
                Boolean.parseBoolean(a.getOrDefault("skip-kafka", "false")),
                Long.parseLong(a.getOrDefault("platform-pid", "0")), services, pids(a.getOrDefault("cpu-pids", "")),
                Boolean.parseBoolean(a.getOrDefault("skip-storage", "false")) ? null
                        : a.getOrDefault("cassandra", "127.0.0.1:19042"),
                a.getOrDefault("keyspace", "heliograph_dc" + dc));
    }

    private static Map<String, Long> pids(String list) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (String item : list.split(",")) {
            int colon = item.indexOf(':');
            if (colon > 0) {
                out.put(item.substring(0, colon), Long.parseLong(item.substring(colon + 1).trim()));
            }
        }
        return out;
    }

    /** {@code 500ms}, {@code 15s} or {@code 2m}. */
    private static Duration duration(Map<String, String> args, String name, String fallback) {
        String v = args.getOrDefault(name, fallback).trim();
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
        }
        if (v.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
        }
        throw new IllegalArgumentException("--" + name + ": a duration such as 15s, got " + v);
    }
}
