package lv.sargs.gateway.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * The gateway's one metrics registry: components register counters, gauges and histograms once at
 * start (names in Prometheus form, e.g. {@code sargs_client_connections_refused_total}) and update
 * them without allocation; {@code /metrics} renders them in the Prometheus text format 0.0.4.
 */
public final class Metrics {

    /** The content type of {@link #writePrometheus}. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Map<String, Family> families = new ConcurrentSkipListMap<>();

    /** A monotonically increasing count. */
    public static final class Counter {
        private final LongAdder value = new LongAdder();

        public void increment() {
            value.increment();
        }

        public void add(long n) {
            value.add(n);
        }

        public long get() {
            return value.sum();
        }
    }

    private record Family(String name, String help, String type, Map<String, Object> series) {
    }

    /**
     * The counter {@code name} with the given label set (e.g. {@code reason="allow-list"}), created
     * on first use; pass an empty string for no labels.
     */
    public Counter counter(String name, String help, String labels) {
        return (Counter) family(name, help, "counter").series().computeIfAbsent(labels, l -> new Counter());
    }

    /**
     * The current value of each series of counter {@code name}, by its label set; empty when no such
     * counter exists. For readers inside the gateway (risk indicators), never on a hot path.
     */
    public Map<String, Long> counters(String name) {
        Family f = families.get(name);
        Map<String, Long> values = new java.util.TreeMap<>();
        if (f != null) {
            f.series().forEach((labels, v) -> {
                if (v instanceof Counter c) {
                    values.put(labels, c.get());
                }
            });
        }
        return values;
    }

    /** Registers (or replaces) a gauge read at scrape time. */
    public void gauge(String name, String help, String labels, DoubleSupplier value) {
        family(name, help, "gauge").series().put(labels, value);
    }

    /** Removes series {@code labels} of {@code name}, e.g. a gauge of a certificate no longer configured. */
    public void remove(String name, String labels) {
        Family f = families.get(name);
        if (f != null) {
            f.series().remove(labels);
        }
    }

    /** The histogram {@code name} with these labels and bucket upper bounds, created on first use. */
    public Histogram histogram(String name, String help, String labels, double[] bounds) {
        return (Histogram) family(name, help, "histogram").series()
                .computeIfAbsent(labels, l -> new Histogram(bounds));
    }

    /** The log-scale latency histogram {@code name} with these labels, created on first use. */
    public LatencyHistogram latencyHistogram(String name, String help, String labels) {
        return (LatencyHistogram) family(name, help, "histogram").series()
                .computeIfAbsent(labels, l -> new LatencyHistogram());
    }

    /** A label pair {@code name="value"} with the value escaped as the text format requires. */
    public static String label(String name, String value) {
        StringBuilder b = new StringBuilder(name.length() + value.length() + 3).append(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** Appends every metric in the Prometheus text exposition format 0.0.4. */
    public void writePrometheus(StringBuilder out) {
        for (Family f : families.values()) {
            out.append("# HELP ").append(f.name()).append(' ');
            escapeHelp(out, f.help());
            out.append('\n');
            out.append("# TYPE ").append(f.name()).append(' ').append(f.type()).append('\n');
            for (Map.Entry<String, Object> s : f.series().entrySet()) {
                Object v = s.getValue();
                if (v instanceof Histogram h) {
                    h.write(f.name(), s.getKey(), out);
                    continue;
                }
                if (v instanceof LatencyHistogram h) {
                    h.write(f.name(), s.getKey(), out);
                    continue;
                }
                out.append(f.name());
                if (!s.getKey().isEmpty()) {
                    out.append('{').append(s.getKey()).append('}');
                }
                out.append(' ');
                if (v instanceof Counter c) {
                    out.append(c.get());
                } else {
                    appendNumber(out, ((DoubleSupplier) v).getAsDouble());
                }
                out.append('\n');
            }
        }
    }

    static void appendNumber(StringBuilder out, double d) {
        if (Double.isNaN(d)) {
            out.append("NaN");
        } else if (Double.isInfinite(d)) {
            out.append(d > 0 ? "+Inf" : "-Inf");
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            out.append((long) d);
        } else {
            out.append(d);
        }
    }

    private Family family(String name, String help, String type) {
        Family f = families.computeIfAbsent(name, n -> new Family(n, help, type, new ConcurrentSkipListMap<>()));
        if (!f.type().equals(type)) {
            throw new IllegalArgumentException("metric " + name + " is already a " + f.type() + " (expected: one type per name)");
        }
        return f;
    }

    private static void escapeHelp(StringBuilder out, String help) {
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == '\n') {
                out.append("\\n");
            } else {
                out.append(c);
            }
        }
    }
}
