package lv.sargs.gateway.metrics;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A bounded latency histogram for a hot path: fixed log-scale buckets, four per doubling, from
 * 16 µs to about 17 s plus an overflow bucket; {@link #recordNanos} is one atomic increment and
 * allocates nothing. Percentiles are read from the buckets (as the bucket's upper bound, so within
 * one bucket — 19 % — above the true value, never below), over all time or between two snapshots.
 */
public final class LatencyHistogram {

    /** The lookups' latency histogram on /metrics, read by the lookup p99 risk indicator. */
    public static final String LOOKUP_SECONDS = "sargs_lookup_duration_seconds";
    /** Its help text. */
    public static final String LOOKUP_HELP = "Answered register lookups' time from request to answer (log-scale buckets).";

    /** Buckets per doubling of the latency. */
    static final int PER_OCTAVE = 4;
    /** The first bucket holds everything up to 2^14 ns (16.4 µs). */
    static final int FIRST_EXPONENT = 14;
    /** The last finite bucket ends at 2^34 ns (17.2 s); slower requests go to the overflow bucket. */
    static final int LAST_EXPONENT = 34;
    /** Finite buckets; index {@code BUCKETS} is the overflow. */
    static final int BUCKETS = (LAST_EXPONENT - FIRST_EXPONENT) * PER_OCTAVE + 1;

    private static final long[] UPPER_NANOS = new long[BUCKETS];

    static {
        for (int i = 0; i < BUCKETS; i++) {
            UPPER_NANOS[i] = Math.round(Math.pow(2, FIRST_EXPONENT + (double) i / PER_OCTAVE));
        }
    }

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS + 1);

    /** Records one request that took {@code nanos} (negative values count as zero). */
    public void recordNanos(long nanos) {
        counts.incrementAndGet(bucket(nanos));
    }

    /** The bucket of {@code nanos}: the first whose upper bound is at or above it, or the overflow. */
    static int bucket(long nanos) {
        if (nanos <= UPPER_NANOS[0]) {
            return 0;
        }
        // floor(log2(nanos - 1)) finds the doubling; at most PER_OCTAVE steps find the quarter in it.
        int octave = 63 - Long.numberOfLeadingZeros(nanos - 1);
        if (octave >= LAST_EXPONENT) {
            return BUCKETS;
        }
        int i = (octave - FIRST_EXPONENT) * PER_OCTAVE;
        while (i < BUCKETS && nanos > UPPER_NANOS[i]) {
            i++;
        }
        return i;
    }

    /** The upper bound of bucket {@code i} in nanoseconds; {@link Long#MAX_VALUE} for the overflow. */
    static long upperNanos(int i) {
        return i >= BUCKETS ? Long.MAX_VALUE : UPPER_NANOS[i];
    }

    /** A copy of the counts per bucket (the last is the overflow), for percentiles over a window. */
    public long[] snapshot() {
        long[] out = new long[BUCKETS + 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = counts.get(i);
        }
        return out;
    }

    /**
     * The {@code quantile} (e.g. 0.99) of the requests counted in {@code now} but not in
     * {@code before} (both from {@link #snapshot}; {@code before} may be null for all time), in
     * nanoseconds as its bucket's upper bound; -1 when there were none; {@link Long#MAX_VALUE}
     * when it lies in the overflow bucket.
     */
    public static long quantileNanos(long[] before, long[] now, double quantile) {
        if (!(quantile > 0 && quantile <= 1)) {
            throw new IllegalArgumentException("quantile " + quantile + " (expected: above 0, at most 1)");
        }
        long total = 0;
        for (int i = 0; i < now.length; i++) {
            total += now[i] - (before == null ? 0 : before[i]);
        }
        if (total == 0) {
            return -1;
        }
        // The rank of the quantile, 1-based: the smallest count of requests at or under the answer.
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < now.length; i++) {
            seen += now[i] - (before == null ? 0 : before[i]);
            if (seen >= rank) {
                return upperNanos(i);
            }
        }
        return Long.MAX_VALUE;
    }

    /** Writes the histogram in the Prometheus text format, in seconds, with {@code _count} and an estimated {@code _sum}. */
    void write(String name, String labels, StringBuilder out) {
        String prefix = labels.isEmpty() ? "" : labels + ",";
        long cumulative = 0;
        double sum = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            long n = counts.get(i);
            cumulative += n;
            // The hot path keeps no sum: each request is taken at its bucket's geometric middle.
            long lower = i == 0 ? 0 : UPPER_NANOS[i - 1];
            double middle = i == 0 ? UPPER_NANOS[0] / 2.0 : i == BUCKETS ? lower : Math.sqrt((double) lower * UPPER_NANOS[i]);
            sum += n * middle / 1e9;
            if (i == BUCKETS) {
                break;
            }
            out.append(name).append("_bucket{").append(prefix).append("le=\"");
            Metrics.appendNumber(out, UPPER_NANOS[i] / 1e9);
            out.append("\"} ").append(cumulative).append('\n');
        }
        out.append(name).append("_bucket{").append(prefix).append("le=\"+Inf\"} ").append(cumulative).append('\n');
        out.append(name).append("_sum");
        Histogram.appendLabels(out, labels);
        out.append(' ');
        Metrics.appendNumber(out, sum);
        out.append('\n');
        out.append(name).append("_count");
        Histogram.appendLabels(out, labels);
        out.append(' ').append(cumulative).append('\n');
    }
}
