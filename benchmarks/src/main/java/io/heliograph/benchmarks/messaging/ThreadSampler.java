package io.heliograph.benchmarks.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where the platform's threads of one name prefix are, sampled by thread dumps ({@code jcmd <pid> Thread.print}):
 * per sample and thread, the first Heliograph frame that is not a mere wait helper, counted. A poor man's profile
 * that needs nothing in the platform, taken while the load runs.
 */
final class ThreadSampler {

    private final long pid;
    private final String threadPrefix;
    private final Map<String, Integer> frames = new HashMap<>();
    private int threadSamples;
    private int dumps;

    ThreadSampler(long pid, String threadPrefix) {
        this.pid = pid;
        this.threadPrefix = threadPrefix;
    }

    /** Takes one dump; failures are ignored (the profile is evidence, not the measurement). */
    void sample() {
        String dump;
        try {
            Process p = new ProcessBuilder("jcmd", Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
            dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        dumps++;
        for (String block : dump.split("\n\n")) {
            String trimmed = block.strip();
            if (!trimmed.startsWith("\"" + threadPrefix)) {
                continue;
            }
            threadSamples++;
            String where = "(no heliograph frame)";
            boolean idle = false;
            for (String line : trimmed.split("\n")) {
                String l = line.strip();
                if (l.startsWith("at java.util.concurrent.ThreadPoolExecutor.getTask") || l.contains("LinkedBlockingQueue.take")) {
                    idle = true;
                }
                if (l.startsWith("at io.heliograph.") && !l.contains(".await(")) {
                    where = l.substring(3);
                    break;
                }
            }
            frames.merge(idle && where.startsWith("(no") ? "(idle: waiting for work)" : where, 1, Integer::sum);
        }
    }

    /** The most frequent frames with their share of the thread samples. */
    String summary(int top) {
        if (threadSamples == 0) {
            return "  no '" + threadPrefix + "' threads in " + dumps + " dumps";
        }
        StringBuilder sb = new StringBuilder(String.format("  %d dumps, %d '%s' thread samples:%n", dumps, threadSamples, threadPrefix));
        frames.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> sb.append(String.format("  %5.1f%%  %s%n", 100.0 * e.getValue() / threadSamples, e.getKey())));
        return sb.toString();
    }
}
