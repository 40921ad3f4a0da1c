package io.heliograph.benchmarks.messaging;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The timers of some of the platform's services ({@code /actuator/prometheus}, every {@code *_seconds_count} and
 * {@code *_seconds_sum}) read before and after a phase: where the time of the phase went, by count and mean.
 */
final class MeterDeltas {

    private final Map<String, String> services;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Map<String, Double> before = Map.of();

    /** {@code services}: name to the service's base URL (its health URL less {@code /actuator/health}). */
    MeterDeltas(Map<String, String> services) {
        this.services = services;
    }

    void start() {
        before = scrape();
    }

    /** The timers that counted anything since {@link #start()}, by total time, at most {@code top}. */
    String summary(int top) {
        Map<String, Double> after = scrape();
        record Row(String name, double count, double sum) {
        }
        List<Row> rows = new ArrayList<>();
        for (var e : after.entrySet()) {
            if (!e.getKey().contains("_seconds_count")) {
                continue;
            }
            String sumKey = e.getKey().replace("_seconds_count", "_seconds_sum");
            double count = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
            double sum = after.getOrDefault(sumKey, 0.0) - before.getOrDefault(sumKey, 0.0);
            if (count > 0) {
                rows.add(new Row(e.getKey().replace("_seconds_count", ""), count, sum));
            }
        }
        rows.sort((a, b) -> Double.compare(b.sum(), a.sum()));
        StringBuilder sb = new StringBuilder();
        rows.stream().limit(top).forEach(r -> sb.append(String.format("  %8.0f x %8.2f ms = %7.2f s  %s%n", r.count(),
                r.sum() / r.count() * 1000, r.sum(), r.name())));
        return sb.isEmpty() ? "  (no timers counted)\n" : sb.toString();
    }

    private Map<String, Double> scrape() {
        Map<String, Double> out = new HashMap<>();
        services.forEach((name, base) -> {
            try {
                String text = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
                for (String line : text.split("\n")) {
                    if (line.startsWith("#") || !line.contains("_seconds_")) {
                        continue;
                    }
                    int space = line.lastIndexOf(' ');
                    if (space > 0) {
                        try {
                            out.put(name + " " + line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
                        } catch (NumberFormatException e) {
                            // not a sample line
                        }
                    }
                }
            } catch (Exception e) {
                // the meters are evidence, not the measurement
            }
        });
        return out;
    }
}
