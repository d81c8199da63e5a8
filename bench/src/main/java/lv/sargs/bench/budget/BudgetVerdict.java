package lv.sargs.bench.budget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the JSON results of the budget benchmarks (JMH {@code -rf json}), prints p50, p99, p99.9 and
 * max of each scenario, and exits 1 when any scenario's slowest sampled answer took longer than
 * the 3-second budget (2 when the file holds no SampleTime result), 0 otherwise.
 *
 * <pre>java -cp "bench/target/classes:bench/target/lib/*" lv.sargs.bench.budget.BudgetVerdict results.json</pre>
 */
public final class BudgetVerdict {

    private BudgetVerdict() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: BudgetVerdict <JMH results, JSON>");
            System.exit(2);
        }
        double budgetMillis = BudgetRig.BUDGET.toMillis();
        JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        List<String> over = new ArrayList<>();
        int seen = 0;
        System.out.printf(Locale.ROOT, "%-40s %9s %10s %10s %10s %10s%n", "scenario", "samples", "p50 ms", "p99 ms",
                "p99.9 ms", "max ms");
        for (JsonNode result : results) {
            if (!"sample".equals(result.path("mode").asText())) {
                continue;
            }
            JsonNode metric = result.path("primaryMetric");
            double scale = toMillis(metric.path("scoreUnit").asText());
            JsonNode p = metric.path("scorePercentiles");
            String name = result.path("benchmark").asText().replaceFirst(".*\\.budget\\.", "")
                    + (result.path("params").has("scenario") ? ":" + result.path("params").path("scenario").asText() : "");
            long samples = 0;
            for (JsonNode iteration : metric.path("rawDataHistogram")) {
                for (JsonNode histogram : iteration) {
                    for (JsonNode bin : histogram) {
                        samples += bin.path(1).asLong();
                    }
                }
            }
            double max = p.path("100.0").asDouble() * scale;
            System.out.printf(Locale.ROOT, "%-40s %9d %10.1f %10.1f %10.1f %10.1f%n", name, samples,
                    p.path("50.0").asDouble() * scale, p.path("99.0").asDouble() * scale,
                    p.path("99.9").asDouble() * scale, max);
            seen++;
            if (max > budgetMillis) {
                over.add(name + " (max " + Math.round(max) + " ms)");
            }
        }
        if (seen == 0) {
            System.err.println("budget: " + args[0] + " holds no SampleTime result (expected: the budget benchmarks')");
            System.exit(2);
        }
        if (!over.isEmpty()) {
            System.out.println("BUDGET EXCEEDED: " + String.join(", ", over) + " (expected: every answer within "
                    + (long) budgetMillis + " ms)");
            System.exit(1);
        }
        System.out.println("budget held: every sampled answer within " + (long) budgetMillis + " ms");
    }

    private static double toMillis(String unit) {
        return switch (unit) {
            case "ns/op" -> 1e-6;
            case "us/op" -> 1e-3;
            case "ms/op" -> 1;
            case "s/op" -> 1e3;
            default -> throw new IllegalArgumentException("JMH score unit: " + unit + " (expected: ns/op, us/op, ms/op or s/op)");
        };
    }
}
