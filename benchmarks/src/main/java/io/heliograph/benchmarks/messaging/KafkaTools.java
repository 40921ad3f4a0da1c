package io.heliograph.benchmarks.messaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own performance tools ({@code org.apache.kafka.tools.ProducerPerformance}, {@code ConsumerPerformance},
 * {@code EndToEndLatency}, from {@code kafka-tools}), each run as a child JVM on the class path that {@code bin/infra}
 * resolved for the broker, and their summaries parsed.
 */
final class KafkaTools {

    /** ProducerPerformance's closing line: records/s and the ack latency percentiles in ms. */
    record Produced(long records, double perSecond, double mbPerSecond, double avgMs, double p50Ms, double p99Ms,
            double p999Ms) {
    }

    /** ConsumerPerformance: messages/s over the whole run (with the group join) and over the fetch time only. */
    record Consumed(long messages, double perSecond, double fetchPerSecond) {
    }

    /** EndToEndLatency: one record at a time, produced with acks and consumed; latencies in ms. */
    record EndToEnd(int messages, double avgMs, double p50Ms, double p99Ms, double p999Ms, double seconds) {
    }

    private static final Pattern PRODUCED = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), "
            + "([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, ([\\d.]+) ms 50th, ([\\d.]+) ms 95th, ([\\d.]+) ms 99th, "
            + "([\\d.]+) ms 99.9th");
    private static final Pattern E2E_AVG = Pattern.compile("Avg latency: ([\\d.]+) ms");
    private static final Pattern E2E_PERCENTILES = Pattern.compile("Percentiles: 50th = ([\\d.]+), 99th = ([\\d.]+), 99.9th = ([\\d.]+)");

    private final String java;
    private final String classpath;
    private final String bootstrap;
    private final Path logDir;

    KafkaTools(Path classpathFile, String bootstrap, Path logDir) throws IOException {
        if (!Files.isRegularFile(classpathFile)) {
            throw new IOException("no " + classpathFile + " (bin/infra up resolves it; or pass --kafka-classpath)");
        }
        this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.classpath = Files.readString(classpathFile).trim();
        this.bootstrap = bootstrap;
        this.logDir = logDir;
        Files.createDirectories(logDir);
    }

    /** Producer throughput (or, with {@code throughput > 0}, latency at that offered rate), acks=all. */
    Produced produce(String topic, long records, int recordSize, int throughput) throws IOException, InterruptedException {
        String out = run("ProducerPerformance", List.of("--topic", topic, "--num-records", Long.toString(records),
                "--record-size", Integer.toString(recordSize), "--throughput", Integer.toString(throughput),
                "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all"));
        Matcher m = PRODUCED.matcher(out);
        Produced last = null;
        while (m.find()) {
            last = new Produced(Long.parseLong(m.group(1)), d(m.group(2)), d(m.group(3)), d(m.group(4)), d(m.group(6)),
                    d(m.group(8)), d(m.group(9)));
        }
        if (last == null) {
            throw new IOException("ProducerPerformance printed no summary:\n" + out);
        }
        return last;
    }

    /** Consumer throughput over {@code messages} records from the beginning of {@code topic}, a new group. */
    Consumed consume(String topic, long messages) throws IOException, InterruptedException {
        String out = run("ConsumerPerformance", List.of("--bootstrap-server", bootstrap, "--topic", topic,
                "--messages", Long.toString(messages), "--timeout", "60000", "--group", "heliograph-bench-" + System.nanoTime()));
        // start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms,
        // fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
        for (String line : out.split("\n")) {
            String[] f = line.split(",\\s*");
            if (f.length >= 10 && f[4].trim().matches("\\d+")) {
                return new Consumed(Long.parseLong(f[4].trim()), d(f[5]), d(f[9]));
            }
        }
        throw new IOException("ConsumerPerformance printed no summary:\n" + out);
    }

    /** EndToEndLatency: {@code messages} records, one in flight at a time, acks=all. */
    EndToEnd endToEnd(String topic, int messages, int recordSize) throws IOException, InterruptedException {
        long start = System.nanoTime();
        String out = run("EndToEndLatency", List.of(bootstrap, topic, Integer.toString(messages), "all",
                Integer.toString(recordSize)));
        double seconds = (System.nanoTime() - start) / 1e9;
        Matcher avg = E2E_AVG.matcher(out);
        Matcher p = E2E_PERCENTILES.matcher(out);
        if (!avg.find() || !p.find()) {
            throw new IOException("EndToEndLatency printed no summary:\n" + out);
        }
        return new EndToEnd(messages, d(avg.group(1)), d(p.group(1)), d(p.group(2)), d(p.group(3)), seconds);
    }

    private String run(String tool, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", classpath,
                "-Dlog4j2.configurationFile=" + writeQuietLog4j(), "org.apache.kafka.tools." + tool));
        cmd.addAll(args);
        Path log = logDir.resolve(tool + "-" + System.currentTimeMillis() + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException(tool + " did not finish within 10 minutes; output in " + log);
        }
        String out = Files.readString(log);
        if (p.exitValue() != 0) {
            throw new IOException(tool + " exited with " + p.exitValue() + "; output in " + log + ":\n" + tail(out));
        }
        return out;
    }

    private Path writeQuietLog4j() throws IOException {
        Path f = logDir.resolve("tools-log4j2.properties");
        if (!Files.exists(f)) {
            Files.writeString(f, """
                    rootLogger.level = WARN
                    rootLogger.appenderRef.stderr.ref = STDERR
                    appender.stderr.type = Console
                    appender.stderr.name = STDERR
                    appender.stderr.target = SYSTEM_ERR
                    appender.stderr.layout.type = PatternLayout
                    appender.stderr.layout.pattern = %d [%t] %-5p %c - %m%n
                    """);
        }
        return f;
    }

    private static String tail(String s) {
        return s.length() <= 3000 ? s : s.substring(s.length() - 3000);
    }

    private static double d(String s) {
        return Double.parseDouble(s.trim());
    }
}
