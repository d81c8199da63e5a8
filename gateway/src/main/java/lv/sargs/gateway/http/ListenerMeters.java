package lv.sargs.gateway.http;

import java.time.Duration;
import lv.sargs.gateway.logging.RateLimitedWarning;
import lv.sargs.gateway.metrics.Metrics;

/**
 * One listener's counts of what it answered and refused before routing (responses by status class,
 * malformed requests by the rule they broke, requests cut off for arriving too slowly), each refusal
 * also told in one rate-limited log line per interval, so a flood cannot flood the log.
 */
final class ListenerMeters {

    private final Metrics.Counter[] responsesByClass = new Metrics.Counter[6];
    private final Metrics.Counter[] malformedByPart = new Metrics.Counter[RequestHeadRules.Part.values().length];
    private final RateLimitedWarning malformedLine = new RateLimitedWarning(Duration.ofSeconds(10));
    private final Metrics.Counter[] slowByPhase = new Metrics.Counter[2];
    private final RateLimitedWarning slowLine = new RateLimitedWarning(Duration.ofSeconds(10));

    ListenerMeters(String listener, Metrics metrics) {
        for (int c = 1; c <= 5; c++) {
            responsesByClass[c] = metrics.counter("sargs_http_responses_total", "HTTP responses, by listener and status class.",
                    "listener=\"" + listener + "\",class=\"" + c + "xx\"");
        }
        for (String phase : new String[] {"head", "body"}) {
            slowByPhase[phase.equals("head") ? 0 : 1] = metrics.counter("sargs_http_slow_requests_total",
                    "Requests cut off because their head or body arrived slower than listeners.client.deadlines allow.",
                    "listener=\"" + listener + "\",phase=\"" + phase + "\"");
        }
        for (RequestHeadRules.Part part : RequestHeadRules.Part.values()) {
            malformedByPart[part.ordinal()] = metrics.counter("sargs_http_malformed_total",
                    "Requests refused 400 before routing because their framing, path or headers broke HTTP's rules.",
                    "listener=\"" + listener + "\",reason=\"" + part.label + "\"");
        }
    }

    /** Counts one answer by its status class (1xx to 5xx). */
    void response(int status) {
        int c = status / 100;
        if (c >= 1 && c <= 5) {
            responsesByClass[c].increment();
        }
    }

    /** Counts a request refused 400 for breaking {@code broken}'s rule. */
    void malformed(String requestId, String client, RequestHeadRules.Broken broken) {
        malformedByPart[broken.part().ordinal()].increment();
        malformedLine.warn("req={} client={}: refused a malformed request ({}): {}", requestId, client,
                broken.part().label, broken.detail());
    }

    /** Counts an HTTP/2 stream the frame codec reset for malformed headers. */
    void malformedHttp2Headers(String client) {
        malformedByPart[RequestHeadRules.Part.FRAMING.ordinal()].increment();
        malformedLine.warn("client={}: reset an HTTP/2 stream with malformed headers (framing)", client);
    }

    /** Counts a request cut off because its {@code phase} ("head" or "body") arrived too slowly. */
    void slow(String client, String phase, String detail) {
        slowByPhase[phase.equals("head") ? 0 : 1].increment();
        slowLine.warn("client={}: closed a request arriving too slowly ({}): {}", client, phase, detail);
    }
}
