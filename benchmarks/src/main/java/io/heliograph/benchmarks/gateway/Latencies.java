package io.heliograph.benchmarks.gateway;

import java.util.Arrays;

/** Latency samples of one measurement (nanoseconds) and their percentiles; failures are counted, not sampled. */
final class Latencies {

    private long[] samples = new long[16];
    private int count;
    private int failures;

    void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    void failed() {
        failures++;
    }

    int count() {
        return count;
    }

    int failures() {
        return failures;
    }

    /** The p-th percentile (nearest rank) in milliseconds, or NaN without samples. */
    double percentileMillis(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
    }
}
