package lv.sargs.gateway.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The log-scale buckets place each latency right, and percentiles read from them are bucket upper bounds. */
class LatencyHistogramTest {

    @Test
    void eachLatencyFallsInTheFirstBucketWhoseUpperBoundHoldsIt() {
        assertEquals(0, LatencyHistogram.bucket(0));
        assertEquals(0, LatencyHistogram.bucket(-5), "a clock step back counts as zero");
        assertEquals(0, LatencyHistogram.bucket(16_384));
        assertEquals(1, LatencyHistogram.bucket(16_385));
        for (int i = 1; i < LatencyHistogram.BUCKETS; i++) {
            long upper = LatencyHistogram.upperNanos(i);
            assertEquals(i, LatencyHistogram.bucket(upper), "at the upper bound of " + i);
            assertEquals(i, LatencyHistogram.bucket(LatencyHistogram.upperNanos(i - 1) + 1), "just above bucket " + (i - 1));
            assertTrue(upper > LatencyHistogram.upperNanos(i - 1));
            double ratio = (double) upper / LatencyHistogram.upperNanos(i - 1);
            assertEquals(Math.pow(2, 0.25), ratio, 0.001, "four buckets per doubling at " + i);
        }
        assertEquals(LatencyHistogram.BUCKETS, LatencyHistogram.bucket((1L << 34) + 1), "past 17 s: overflow");
        assertEquals(LatencyHistogram.BUCKETS, LatencyHistogram.bucket(Long.MAX_VALUE));
    }

    @Test
    void theP99IsTheUpperBoundOfTheBucketHoldingThe99thPercentRequest() {
        LatencyHistogram h = new LatencyHistogram();
        assertEquals(-1, LatencyHistogram.quantileNanos(null, h.snapshot(), 0.99), "no requests, no percentile");
        for (int i = 0; i < 990; i++) {
            h.recordNanos(1_000_000);
        }
        for (int i = 0; i < 10; i++) {
            h.recordNanos(900_000_000);
        }
        long p99 = LatencyHistogram.quantileNanos(null, h.snapshot(), 0.99);
        assertEquals(LatencyHistogram.upperNanos(LatencyHistogram.bucket(1_000_000)), p99,
                "990 of 1,000 at 1 ms: the 990th is the p99");
        assertTrue(p99 >= 1_000_000 && p99 < 1_000_000 * 1.19, "within one bucket above: " + p99);
        h.recordNanos(900_000_000);
        long slow = LatencyHistogram.quantileNanos(null, h.snapshot(), 0.99);
        assertEquals(LatencyHistogram.upperNanos(LatencyHistogram.bucket(900_000_000)), slow,
                "1,001 requests: the 991st is one of the slow ones");
        assertEquals(LatencyHistogram.upperNanos(LatencyHistogram.bucket(1_000_000)),
                LatencyHistogram.quantileNanos(null, h.snapshot(), 0.5));
    }

    @Test
    void aWindowCountsOnlyTheRequestsBetweenItsTwoSnapshots() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < 100; i++) {
            h.recordNanos(2_000_000_000L);
        }
        long[] before = h.snapshot();
        for (int i = 0; i < 100; i++) {
            h.recordNanos(50_000);
        }
        assertEquals(LatencyHistogram.upperNanos(LatencyHistogram.bucket(50_000)),
                LatencyHistogram.quantileNanos(before, h.snapshot(), 0.99));
        LatencyHistogram stuck = new LatencyHistogram();
        stuck.recordNanos(20_000_000_000L);
        assertEquals(Long.MAX_VALUE, LatencyHistogram.quantileNanos(null, stuck.snapshot(), 0.99), "in the overflow");
        assertThrows(IllegalArgumentException.class, () -> LatencyHistogram.quantileNanos(null, before, 0));
    }

    @Test
    void itIsAPrometheusHistogramInSecondsOnMetrics() {
        Metrics metrics = new Metrics();
        LatencyHistogram h = metrics.latencyHistogram(LatencyHistogram.LOOKUP_SECONDS, LatencyHistogram.LOOKUP_HELP, "");
        h.recordNanos(1_000_000);
        h.recordNanos(20_000_000_000L);
        StringBuilder out = new StringBuilder();
        metrics.writePrometheus(out);
        String text = out.toString();
        assertTrue(text.contains("# TYPE sargs_lookup_duration_seconds histogram\n"), text);
        assertTrue(text.contains("sargs_lookup_duration_seconds_bucket{le=\"+Inf\"} 2\n"), text);
        assertTrue(text.contains("sargs_lookup_duration_seconds_count 2\n"), text);
        assertTrue(text.contains("sargs_lookup_duration_seconds_bucket{le=\"1.6384E-5\"} 0\n"), text);
        assertTrue(text.contains("sargs_lookup_duration_seconds_bucket{le=\"17.179869184\"} 1\n"), text);
        assertTrue(text.contains("sargs_lookup_duration_seconds_sum "), text);
        assertTrue(metrics.latencyHistogram(LatencyHistogram.LOOKUP_SECONDS, "", "") == h, "one histogram per name");
    }
}
