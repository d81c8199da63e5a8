package lv.sargs.gateway.metrics;

import java.util.Arrays;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram with fixed upper bounds (in the metric's unit, seconds for durations);
 * {@link #observe} allocates nothing and takes no lock.
 */
public final class Histogram {

    /** Bounds fitting request durations against the 3-second budget, in seconds. */
    public static final double[] REQUEST_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10};

    private final double[] bounds;
    private final LongAdder[] buckets;
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    Histogram(double[] bounds) {
        for (int i = 1; i < bounds.length; i++) {
            if (!(bounds[i] > bounds[i - 1])) {
                throw new IllegalArgumentException("histogram bounds " + Arrays.toString(bounds)
                        + " (expected: strictly increasing)");
            }
        }
        this.bounds = bounds.clone();
        this.buckets = new LongAdder[bounds.length];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    /** Records one observation, e.g. a request's duration in seconds. */
    public void observe(double value) {
        for (int i = 0; i < bounds.length; i++) {
            if (value <= bounds[i]) {
                buckets[i].increment();
                break;
            }
        }
        count.increment();
        sum.add(value);
    }

    /** Records a duration given in nanoseconds, in seconds. */
    public void observeNanos(long nanos) {
        observe(nanos / 1e9);
    }

    public long count() {
        return count.sum();
    }

    void write(String name, String labels, StringBuilder out) {
        String prefix = labels.isEmpty() ? "" : labels + ",";
        long cumulative = 0;
        for (int i = 0; i < bounds.length; i++) {
            cumulative += buckets[i].sum();
            out.append(name).append("_bucket{").append(prefix).append("le=\"");
            Metrics.appendNumber(out, bounds[i]);
            out.append("\"} ").append(cumulative).append('\n');
        }
        long total = count.sum();
        out.append(name).append("_bucket{").append(prefix).append("le=\"+Inf\"} ").append(total).append('\n');
        out.append(name).append("_sum");
        appendLabels(out, labels);
        out.append(' ');
        Metrics.appendNumber(out, sum.sum());
        out.append('\n');
        out.append(name).append("_count");
        appendLabels(out, labels);
        out.append(' ').append(total).append('\n');
    }

    static void appendLabels(StringBuilder out, String labels) {
        if (!labels.isEmpty()) {
            out.append('{').append(labels).append('}');
        }
    }
}
