package io.heliograph.benchmarks;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks matching the first argument (default: all) and prints each result as a ratio to the baseline
 * benchmark of its class measured in the same run (methods whose name ends in {@code Baseline}).
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        String include = args.length > 0 ? args[0] : "io.heliograph.benchmarks.*";
        Collection<RunResult> results = new Runner(new OptionsBuilder().include(include).build()).run();
        Map<String, Double> baselines = new HashMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            if (label.endsWith("Baseline")) {
                baselines.put(label.substring(0, label.lastIndexOf('.')), r.getPrimaryResult().getScore());
            }
        }
        System.out.println("\nbenchmark                                           score        unit      x baseline");
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            Double base = baselines.get(label.substring(0, label.lastIndexOf('.')));
            double score = r.getPrimaryResult().getScore();
            System.out.printf("%-50s %12.1f %-10s %s%n", label.replace("io.heliograph.benchmarks.", ""), score,
                    r.getPrimaryResult().getScoreUnit(), base == null ? "-" : String.format("%.2f", score / base));
        }
    }
}
