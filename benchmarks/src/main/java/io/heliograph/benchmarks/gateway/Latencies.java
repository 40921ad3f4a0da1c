package io.heliograph.benchmarks.gateway;

import java.util.Arrays;

/** Latency samples of one measurement (nanoseconds) and their percentiles; failures are counted, not sampled. */
public final class Latencies {

    private long[] samples = new long[16];
    private int count;
    private int failures;

    public synchronized void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    public synchronized void failed() {
        failures++;
    }

    public int count() {
        return count;
    }

    public int failures() {
        return failures;
    }

    /** The mean in milliseconds, or NaN without samples. */
    public synchronized double meanMillis() {
        if (count == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += samples[i];
        }
        return sum / count / 1e6;
    }

    /** The p-th percentile (nearest rank) in milliseconds, or NaN without samples. */
    public synchronized double percentileMillis(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
    }
}
