package io.heliograph.benchmarks;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks of this package and prints a table of their throughput, each as a ratio to baselines measured in
 * the same run: those named by {@link ComparedTo}, otherwise the one method of its class whose name ends in
 * {@code Baseline}. Arguments are JMH's own ({@code -h} lists them), e.g. a regex selecting benchmarks (default: all)
 * or {@code -f 0} / {@code -wi 1} to override the annotations.
 */
public final class BenchmarkMain {

    private static final String PACKAGE = "io.heliograph.benchmarks.";

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        if (cli.shouldHelp()) {
            cli.showHelp();
            return;
        }
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(PACKAGE + "*");
        }
        Runner runner = new Runner(options.build());
        if (cli.shouldList()) {
            runner.list();
            return;
        }
        Collection<RunResult> results = runner.run();
        System.out.println();
        System.out.print(table(results));
    }

    /** The report: one line per benchmark, throughput normalised to ops/s. */
    static String table(Collection<RunResult> results) {
        Map<String, RunResult> byLabel = new LinkedHashMap<>();
        for (RunResult r : results) {
            byLabel.put(r.getParams().getBenchmark(), r);
        }
        StringBuilder out = new StringBuilder();
        if (!results.isEmpty()) {
            RunResult first = results.iterator().next();
            out.append(String.format(Locale.ROOT, "%s, JDK %s (%s), %d cores, %s%n", LocalDate.now(),
                    first.getParams().getJdkVersion(), first.getParams().getVmName(),
                    Runtime.getRuntime().availableProcessors(), cpuModel()));
        }
        String format = "%-44s %14s %7s %9s  %s%n";
        out.append(String.format(Locale.ROOT, format, "benchmark", "ops/s", "spread", "MB/s", "x baseline"));
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            Result<?> primary = r.getPrimaryResult();
            double perSecond = opsPerSecond(primary);
            Method method = method(label);
            BytesPerOp bytes = method == null ? null : method.getAnnotation(BytesPerOp.class);
            List<String> ratios = new ArrayList<>();
            if (label.endsWith("Baseline")) {
                ratios.add("(baseline)");
            } else {
                for (String baseline : baselines(label, method, byLabel)) {
                    RunResult b = byLabel.get(baseline);
                    double base = b == null ? Double.NaN : opsPerSecond(b.getPrimaryResult());
                    ratios.add((Double.isNaN(base) || Double.isNaN(perSecond) ? "-"
                            : String.format(Locale.ROOT, "%.3f", perSecond / base)) + " x " + shortName(label, baseline));
                }
            }
            out.append(String.format(Locale.ROOT, format, label.substring(PACKAGE.length()),
                    Double.isNaN(perSecond) ? primary.getScore() + " " + primary.getScoreUnit()
                            : String.format(Locale.ROOT, "%,.0f", perSecond),
                    spread(primary),
                    bytes == null || Double.isNaN(perSecond) ? "" : String.format(Locale.ROOT, "%.1f", perSecond * bytes.value() / 1e6),
                    ratios.isEmpty() ? "-" : String.join(", ", ratios)));
        }
        return out.toString();
    }

    /** Full labels of the baselines of {@code label}, whether or not they ran. */
    private static List<String> baselines(String label, Method method, Map<String, RunResult> byLabel) {
        String cls = label.substring(0, label.lastIndexOf('.'));
        ComparedTo compared = method == null ? null : method.getAnnotation(ComparedTo.class);
        List<String> names = new ArrayList<>();
        if (compared != null) {
            for (String name : compared.value()) {
                names.add(name.contains(".") ? PACKAGE + name : cls + "." + name);
            }
        } else {
            List<String> inClass = byLabel.keySet().stream()
                    .filter(l -> l.startsWith(cls + ".") && l.endsWith("Baseline")).toList();
            if (inClass.size() == 1) {
                names.add(inClass.get(0));
            }
        }
        return names;
    }

    /** The baseline's method name when it is in the benchmark's class, else {@code Class.method}. */
    private static String shortName(String label, String baseline) {
        String cls = label.substring(0, label.lastIndexOf('.') + 1);
        return baseline.startsWith(cls) ? baseline.substring(cls.length()) : baseline.substring(PACKAGE.length());
    }

    private static double opsPerSecond(Result<?> result) {
        return result.getScore() * perSecond(result.getScoreUnit());
    }

    /**
     * Half the min-max range of the measurement iterations, relative to the score. JMH's own error (a 99.9% confidence
     * interval) is some 30 standard errors wide with three iterations, too wide to tell a steady result from a noisy one.
     */
    private static String spread(Result<?> result) {
        double score = result.getScore();
        var stats = result.getStatistics();
        return stats.getN() < 2 || score == 0 ? ""
                : String.format(Locale.ROOT, "±%.1f%%", 50 * (stats.getMax() - stats.getMin()) / score);
    }

    /** The factor from a throughput unit to ops/s, NaN for other modes. */
    private static double perSecond(String unit) {
        return switch (unit) {
            case "ops/s" -> 1;
            case "ops/ms" -> 1e3;
            case "ops/us" -> 1e6;
            case "ops/ns" -> 1e9;
            case "ops/min" -> 1 / 60.0;
            default -> Double.NaN;
        };
    }

    private static Method method(String label) {
        int dot = label.lastIndexOf('.');
        try {
            Class<?> type = Class.forName(label.substring(0, dot), false, BenchmarkMain.class.getClassLoader());
            String name = label.substring(dot + 1);
            return Stream.of(type.getMethods()).filter(m -> m.getName().equals(name)).findFirst().orElse(null);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
    }
}
