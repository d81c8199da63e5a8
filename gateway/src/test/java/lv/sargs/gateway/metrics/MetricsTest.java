package lv.sargs.gateway.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MetricsTest {

    private final Metrics metrics = new Metrics();

    private String text() {
        StringBuilder out = new StringBuilder();
        metrics.writePrometheus(out);
        return out.toString();
    }

    @Test
    void rendersCountersAndGaugesInTheTextFormat() {
        metrics.counter("sargs_refused_total", "Connections refused", Metrics.label("reason", "allow-list")).add(3);
        metrics.counter("sargs_refused_total", "Connections refused", Metrics.label("reason", "client")).increment();
        metrics.gauge("sargs_in_flight", "Requests in flight", "", () -> 2);
        metrics.gauge("sargs_ratio", "A ratio\nwith a newline", "", () -> 0.25);
        assertEquals("""
                # HELP sargs_in_flight Requests in flight
                # TYPE sargs_in_flight gauge
                sargs_in_flight 2
                # HELP sargs_ratio A ratio\\nwith a newline
                # TYPE sargs_ratio gauge
                sargs_ratio 0.25
                # HELP sargs_refused_total Connections refused
                # TYPE sargs_refused_total counter
                sargs_refused_total{reason="allow-list"} 3
                sargs_refused_total{reason="client"} 1
                """, text());
    }

    @Test
    void rendersHistogramsWithCumulativeBucketsSumAndCount() {
        Histogram h = metrics.histogram("sargs_request_seconds", "Request duration", Metrics.label("route", "/x"),
                new double[] {0.1, 1});
        h.observe(0.05);
        h.observe(0.5);
        h.observe(2);
        assertEquals("""
                # HELP sargs_request_seconds Request duration
                # TYPE sargs_request_seconds histogram
                sargs_request_seconds_bucket{route="/x",le="0.1"} 1
                sargs_request_seconds_bucket{route="/x",le="1"} 2
                sargs_request_seconds_bucket{route="/x",le="+Inf"} 3
                sargs_request_seconds_sum{route="/x"} 2.55
                sargs_request_seconds_count{route="/x"} 3
                """, text());
    }

    @Test
    void escapesLabelValues() {
        assertEquals("path=\"a\\\"b\\\\c\\n\"", Metrics.label("path", "a\"b\\c\n"));
    }

    @Test
    void refusesOneNameWithTwoTypes() {
        metrics.counter("sargs_x", "x", "");
        assertThrows(IllegalArgumentException.class, () -> metrics.gauge("sargs_x", "x", "", () -> 1));
    }
}
