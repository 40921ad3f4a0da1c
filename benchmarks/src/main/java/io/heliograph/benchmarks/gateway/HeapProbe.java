package io.heliograph.benchmarks.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap a JVM uses after a full GC, read with {@code jcmd <pid> GC.run} then {@code jcmd <pid> GC.heap_info}: the
 * "used" figure of the heap line (G1, ZGC, Shenandoah, Parallel), or the sum over generations (Serial).
 */
final class HeapProbe {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private final long pid;
    private final String jcmd;

    HeapProbe(long pid) {
        this.pid = pid;
        Path bundled = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        this.jcmd = Files.isExecutable(bundled) ? bundled.toString() : "jcmd";
    }

    /** Bytes used after two full GCs (the second settles what the first's finalisation and reference processing freed). */
    long usedAfterFullGc() throws IOException, InterruptedException {
        run("GC.run");
        run("GC.run");
        return parseUsedKiB(run("GC.heap_info")) * 1024;
    }

    static long parseUsedKiB(String heapInfo) {
        long sum = 0;
        for (String line : heapInfo.split("\n")) {
            if (line.contains("Metaspace") || line.contains("class space")) {
                continue;
            }
            Matcher m = USED.matcher(line);
            if (!m.find()) {
                continue;
            }
            if (line.contains("heap")) {
                return Long.parseLong(m.group(1));
            }
            sum += Long.parseLong(m.group(1));
        }
        if (sum == 0) {
            throw new IllegalStateException("no 'used' figure in GC.heap_info output:\n" + heapInfo);
        }
        return sum;
    }

    private String run(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed:\n" + out);
        }
        return out;
    }
}
