package lv.sargs.gateway.upstream;

import lv.sargs.gateway.upstream.core.UpstreamException;
import java.util.function.DoubleSupplier;
import lv.sargs.gateway.metrics.Metrics;

/**
 * One upstream's series in the registry, resolved once so that a call only increments: calls by
 * outcome, retries, TLS handshakes (each one a new connection) and their failures, open
 * connections and health.
 */
final class UpstreamMetrics {

    private final Metrics.Counter ok;
    private final Metrics.Counter[] failures;
    private final Metrics.Counter retries;
    final Metrics.Counter handshakes;
    final Metrics.Counter handshakeFailures;
    private final lv.sargs.gateway.metrics.Histogram seconds;

    UpstreamMetrics(Metrics metrics, String upstream) {
        String label = "upstream=\"" + upstream + "\"";
        String calls = "sargs_upstream_calls_total";
        String callsHelp = "Upstream calls by outcome (ok, or the failure code in lower case).";
        ok = metrics.counter(calls, callsHelp, label + ",outcome=\"ok\"");
        UpstreamException.Code[] codes = UpstreamException.Code.values();
        failures = new Metrics.Counter[codes.length];
        for (UpstreamException.Code code : codes) {
            failures[code.ordinal()] = metrics.counter(calls, callsHelp,
                    label + ",outcome=\"" + code.name().toLowerCase(java.util.Locale.ROOT) + "\"");
        }
        retries = metrics.counter("sargs_upstream_retries_total", "Upstream attempts after the first.", label);
        seconds = metrics.histogram("sargs_upstream_call_seconds", "Upstream calls' duration, retries included.", label,
                lv.sargs.gateway.metrics.Histogram.REQUEST_SECONDS);
        handshakes = metrics.counter("sargs_upstream_tls_handshakes_total",
                "Completed TLS handshakes with an upstream, one per new connection.", label);
        handshakeFailures = metrics.counter("sargs_upstream_tls_handshake_failures_total",
                "Failed TLS handshakes with an upstream.", label);
    }

    void gauges(Metrics metrics, String upstream, DoubleSupplier openConnections, DoubleSupplier health) {
        String label = "upstream=\"" + upstream + "\"";
        metrics.gauge("sargs_upstream_connections_open", "Upstream connections open or opening.", label,
                openConnections);
        metrics.gauge("sargs_upstream_health", "Upstream health: 0 up, 1 degraded, 2 down.", label, health);
    }

    void succeeded() {
        ok.increment();
    }

    void failed(UpstreamException.Code code) {
        failures[code.ordinal()].increment();
    }

    void took(long nanos) {
        seconds.observeNanos(nanos);
    }

    void retried() {
        retries.increment();
    }
}
