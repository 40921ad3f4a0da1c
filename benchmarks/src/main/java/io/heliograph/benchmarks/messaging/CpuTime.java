package io.heliograph.benchmarks.messaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time (user + system) of named processes from {@code /proc/<pid>/stat}, read before and after a phase: what a
 * message costs each process, and how busy the machine's cores were. Linux only; elsewhere it reports nothing.
 */
final class CpuTime {

    private static final double TICKS_PER_SECOND = 100; // USER_HZ, 100 on Linux

    private final Map<String, Long> pids;
    private final Map<String, Long> before = new LinkedHashMap<>();
    private long startNanos;

    /** {@code pids}: a label per process; this JVM is added as {@code load generator}. */
    CpuTime(Map<String, Long> pids) {
        this.pids = new LinkedHashMap<>(pids);
        this.pids.put("load generator", ProcessHandle.current().pid());
    }

    void start() {
        startNanos = System.nanoTime();
        pids.forEach((name, pid) -> before.put(name, ticks(pid)));
    }

    /** Per process: cores used on average and CPU ms per message, over {@code messages} messages. */
    String summary(long messages) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        StringBuilder sb = new StringBuilder();
        double total = 0;
        for (var e : pids.entrySet()) {
            long b = before.getOrDefault(e.getKey(), -1L);
            long a = ticks(e.getValue());
            if (a < 0 || b < 0) {
                continue;
            }
            double cpu = (a - b) / TICKS_PER_SECOND;
            total += cpu;
            sb.append(String.format("  %-16s %5.2f cores  %7.2f ms CPU per message%n", e.getKey(), cpu / seconds,
                    messages == 0 ? Double.NaN : cpu * 1000 / messages));
        }
        sb.append(String.format("  %-16s %5.2f cores  %7.2f ms CPU per message (of %d cores; other users' processes not counted)%n",
                "all of these", total / seconds, messages == 0 ? Double.NaN : total * 1000 / messages,
                Runtime.getRuntime().availableProcessors()));
        return sb.toString();
    }

    /** CPU seconds the processes named have used since {@link #start()}; NaN when one cannot be read. */
    double seconds(String... names) {
        double sum = 0;
        for (String name : names) {
            Long pid = pids.get(name);
            long b = before.getOrDefault(name, -1L);
            long a = pid == null ? -1 : ticks(pid);
            if (a < 0 || b < 0) {
                return Double.NaN;
            }
            sum += (a - b) / TICKS_PER_SECOND;
        }
        return sum;
    }

    /** Seconds since {@link #start()}. */
    double elapsed() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** CPU seconds (user + system) a process has used so far; NaN when it cannot be read. */
    static double seconds(long pid) {
        long t = pid < 0 ? -1 : ticks(pid);
        return t < 0 ? Double.NaN : t / TICKS_PER_SECOND;
    }

    /**
     * CPU seconds (user + system) of this JVM's child processes that have ended and been waited for (cutime and
     * cstime of {@code /proc/self/stat}): what a tool run as a child cost, read before and after it.
     */
    static double childrenSeconds() {
        long t = twoFields(ProcessHandle.current().pid(), 13); // cutime + cstime (fields 16 and 17)
        return t < 0 ? Double.NaN : t / TICKS_PER_SECOND;
    }

    private static long ticks(long pid) {
        return twoFields(pid, 11); // utime + stime (fields 14 and 15)
    }

    /**
     * Fields {@code index + 3} and {@code index + 4} of {@code /proc/<pid>/stat} (counted after the command name), read
     * at once and summed; -1 if unreadable.
     */
    private static long twoFields(long pid, int index) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[index]) + Long.parseLong(f[index + 1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
