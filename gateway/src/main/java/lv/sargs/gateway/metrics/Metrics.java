package lv.sargs.gateway.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * The gateway's one metrics registry: components register counters and gauges once at start
 * (names in Prometheus form, e.g. {@code sargs_client_connections_refused_total}) and update them
 * without allocation; {@code /metrics} renders them in the Prometheus text format.
 */
public final class Metrics {

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
        Family f = families.computeIfAbsent(name, n -> new Family(n, help, "counter", new ConcurrentSkipListMap<>()));
        return (Counter) f.series().computeIfAbsent(labels, l -> new Counter());
    }

    /** Registers a gauge read at scrape time. */
    public void gauge(String name, String help, String labels, DoubleSupplier value) {
        Family f = families.computeIfAbsent(name, n -> new Family(n, help, "gauge", new ConcurrentSkipListMap<>()));
        f.series().put(labels, value);
    }

    /** Appends every metric in the Prometheus text exposition format 0.0.4. */
    public void writePrometheus(StringBuilder out) {
        for (Family f : families.values()) {
            out.append("# HELP ").append(f.name()).append(' ').append(f.help()).append('\n');
            out.append("# TYPE ").append(f.name()).append(' ').append(f.type()).append('\n');
            for (Map.Entry<String, Object> s : f.series().entrySet()) {
                out.append(f.name());
                if (!s.getKey().isEmpty()) {
                    out.append('{').append(s.getKey()).append('}');
                }
                out.append(' ');
                Object v = s.getValue();
                if (v instanceof Counter c) {
                    out.append(c.get());
                } else {
                    double d = ((DoubleSupplier) v).getAsDouble();
                    if (d == Math.rint(d) && !Double.isInfinite(d)) {
                        out.append((long) d);
                    } else {
                        out.append(d);
                    }
                }
                out.append('\n');
            }
        }
    }
}
