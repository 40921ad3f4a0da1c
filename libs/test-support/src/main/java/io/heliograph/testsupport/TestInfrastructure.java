package io.heliograph.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * The real Kafka broker and Cassandra node integration tests talk to: the {@code test} instance of {@code bin/infra}
 * (Kafka 127.0.0.1:19092, Cassandra 127.0.0.1:19042). {@code bin/heliograph test} starts it once for the whole run;
 * a test started on its own (from an IDE) starts it here if it is not up. Each JVM gets its own namespace, so topics
 * and keyspaces of different runs and modules never mix.
 */
public final class TestInfrastructure {

    private static final String NAMESPACE = "it" + HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
    private static volatile boolean checked;

    private TestInfrastructure() {
    }

    public static String kafkaBootstrap() {
        return System.getProperty("heliograph.test.kafka", "127.0.0.1:19092");
    }

    public static String cassandraContact() {
        return System.getProperty("heliograph.test.cassandra", "127.0.0.1:19042");
    }

    /** Unique to this JVM: prefix of topic names ({@code <ns>.dc1.updates}) and keyspaces ({@code <ns>_heliograph_dc1}). */
    public static String namespace() {
        return NAMESPACE;
    }

    /** Makes sure both servers accept connections, starting them with {@code bin/infra --instance test up} if needed. */
    public static synchronized void ensureRunning() {
        if (checked) {
            return;
        }
        if (!(reachable(kafkaBootstrap()) && reachable(cassandraContact()))) {
            Path infra = repoRoot().resolve("bin/infra");
            try {
                Process p = new ProcessBuilder(infra.toString(), "--instance", "test", "up").inheritIO().start();
                if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    throw new IllegalStateException("'bin/infra --instance test up' failed; see its output above");
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot run " + infra + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (!(reachable(kafkaBootstrap()) && reachable(cassandraContact()))) {
                throw new IllegalStateException("test Kafka (" + kafkaBootstrap() + ") or Cassandra ("
                        + cassandraContact() + ") is still unreachable after 'bin/infra --instance test up'");
            }
        }
        checked = true;
    }

    public static Path repoRoot() {
        String configured = System.getProperty("heliograph.repo.root");
        Path dir = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("bin/infra"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find bin/infra above " + dir + "; set -Dheliograph.repo.root");
    }

    private static boolean reachable(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
