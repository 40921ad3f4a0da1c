package io.heliograph.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A long-running real-client script ({@code tools/real-clients/*-chat.*}) driven line by line: one JSON command per
 * line on its stdin, answered by a {@code {"reply": id}} line; every other JSON line on its stdout is an event (an
 * update the client received and dispatched through its own update handling).
 */
final class ClientProcess implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final Process process;
    private final Writer stdin;
    private final List<JsonNode> lines = new ArrayList<>();
    private final StringBuilder transcript = new StringBuilder();
    private final Set<Integer> consumed = new HashSet<>();
    private final AtomicInteger ids = new AtomicInteger();
    private boolean eof;

    ClientProcess(String name, Path dir, List<String> command) throws IOException {
        this.name = name;
        this.process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::read, name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (this) {
                    transcript.append(line).append('\n');
                    if (line.startsWith("{")) {
                        try {
                            lines.add(JSON.readTree(line));
                        } catch (RuntimeException e) {
                            // not one of ours
                        }
                    }
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        synchronized (this) {
            eof = true;
            notifyAll();
        }
    }

    synchronized String transcript() {
        return name + ":\n" + transcript;
    }

    /** Sends a command and waits for its answer, which must be ok. */
    JsonNode call(String cmd, Map<String, Object> args) throws Exception {
        JsonNode reply = tryCall(cmd, args);
        if (!reply.path("ok").asBoolean()) {
            throw new AssertionError(name + " " + cmd + " " + args + " failed: " + reply + "\n" + transcript());
        }
        return reply;
    }

    /** Sends a command and waits for its answer, ok or not. */
    JsonNode tryCall(String cmd, Map<String, Object> args) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode c = JSON.createObjectNode();
        c.put("id", id);
        c.put("cmd", cmd);
        for (Map.Entry<String, Object> e : args.entrySet()) {
            c.set(e.getKey(), JSON.valueToTree(e.getValue()));
        }
        synchronized (this) {
            stdin.write(JSON.writeValueAsString(c) + "\n");
            stdin.flush();
        }
        return await(n -> n.path("reply").asInt(-1) == id, 90, cmd);
    }

    /** Waits for the first not yet seen line that matches. */
    JsonNode awaitEvent(String event, Predicate<JsonNode> wanted, int seconds) throws Exception {
        return await(n -> event.equals(n.path("event").asString("")) && wanted.test(n), seconds, "event " + event);
    }

    /** Every event of a kind seen so far (seen or not). */
    synchronized List<JsonNode> events(String event, Predicate<JsonNode> wanted) {
        return lines.stream().filter(n -> event.equals(n.path("event").asString("")) && wanted.test(n)).toList();
    }

    private synchronized JsonNode await(Predicate<JsonNode> wanted, int seconds, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            for (int i = 0; i < lines.size(); i++) {
                JsonNode n = lines.get(i);
                if (!consumed.contains(i) && wanted.test(n)) {
                    consumed.add(i);
                    return n;
                }
                if (n.has("ok") && !n.has("reply") && !n.path("ok").asBoolean()) {
                    throw new AssertionError(name + " failed: " + n + "\n" + transcript());
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(name + ": no " + what + " within " + seconds + " s\n" + transcript());
            }
            if (eof) {
                throw new AssertionError(name + " ended" + "\n" + transcript());
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left, TimeUnit.MILLISECONDS.toNanos(500)))));
        }
    }

    /** Asks the client to disconnect and exit (its session/storage saved), and waits for it. */
    void quit() throws Exception {
        call("quit", Map.of());
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not exit after quit\n" + transcript());
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
