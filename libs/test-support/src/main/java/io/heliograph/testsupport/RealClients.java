package io.heliograph.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The third-party MTProto clients that judge conformance (GramJS, mtcute, @mtproto/core), installed from npm once per
 * checkout into {@code var/real-clients} with the scripts of {@code tools/real-clients}, and run as processes.
 */
public final class RealClients {

    private RealClients() {
    }

    /** The install directory, with the scripts copied in and the npm packages installed. */
    public static synchronized Path install() throws IOException, InterruptedException {
        Path root = TestInfrastructure.repoRoot();
        Path dir = root.resolve("var/real-clients");
        Files.createDirectories(dir);
        try (var files = Files.list(root.resolve("tools/real-clients"))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!Files.isDirectory(dir.resolve("node_modules/telegram")) || !Files.isDirectory(dir.resolve("node_modules/@mtcute/node"))
                || !Files.isDirectory(dir.resolve("node_modules/@mtproto/core"))) {
            Process p = start(dir, List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"));
            String out = await(p, 300, "npm install");
            if (p.exitValue() != 0) {
                throw new IllegalStateException("npm install failed:\n" + out);
            }
        }
        return dir;
    }

    /** Starts a client script in the install directory; its output (stdout and stderr) goes to a log file. */
    public static Process start(Path dir, List<String> command) throws IOException {
        Path log = Files.createTempFile(dir.toAbsolutePath(), "run", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        LOGS.put(p, log);
        return p;
    }

    private static final java.util.Map<Process, Path> LOGS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Waits for the process; returns its output, failing if it ran too long. */
    public static String await(Process p, int timeoutSeconds, String what) throws IOException, InterruptedException {
        boolean finished = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly().waitFor();
        }
        Path log = LOGS.remove(p);
        String text = log == null ? "" : Files.readString(log, StandardCharsets.UTF_8);
        if (!finished) {
            throw new AssertionError(what + " timed out after " + timeoutSeconds + " s:\n" + text);
        }
        return text;
    }

    /** Runs a client script to its end and returns its output; a non-zero exit fails with that output. */
    public static String run(Path dir, List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = start(dir, command);
        String out = await(p, timeoutSeconds, String.join(" ", command));
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + out);
        }
        return out;
    }

    /** Runs several client scripts side by side; returns their outputs in order. */
    public static List<String> runAll(Path dir, List<List<String>> commands, int timeoutSeconds)
            throws IOException, InterruptedException {
        List<Process> running = new ArrayList<>();
        for (List<String> c : commands) {
            running.add(start(dir, c));
        }
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < running.size(); i++) {
            Process p = running.get(i);
            String out = await(p, timeoutSeconds, String.join(" ", commands.get(i)));
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", commands.get(i)) + " exited " + p.exitValue() + ":\n" + out);
            }
            outputs.add(out);
        }
        return outputs;
    }
}
