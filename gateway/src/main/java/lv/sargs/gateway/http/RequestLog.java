package lv.sargs.gateway.http;

import org.tinylog.Logger;

/**
 * The one INFO line per request: request id, client, method and route template (the raw path,
 * masked, only when no route matched), status, duration, cache status. Personal codes are masked
 * wherever they appear; nothing else about the request (query, headers, body) is written.
 */
final class RequestLog {

    private static final int MAX_PATH = 200;

    private RequestLog() {
    }

    /** Writes the line. */
    static void log(String requestId, String client, String method, String route, int status, long durationNanos,
                    String cacheStatus) {
        Logger.info(format(requestId, client, method, route, status, durationNanos, cacheStatus));
    }

    /**
     * {@code req=<id> client=<name> GET /v1/persons/{code} 200 1.234ms cache=-}.
     *
     * @param route the route template, or the path when none matched
     */
    static String format(String requestId, String client, String method, String route, int status,
                         long durationNanos, String cacheStatus) {
        StringBuilder line = new StringBuilder(96);
        line.append("req=").append(requestId)
                .append(" client=").append(client == null ? "-" : client)
                .append(' ').append(method).append(' ');
        if (route.length() <= MAX_PATH) {
            PersonalCodeMask.appendMasked(line, route);
        } else {
            // Mask before cutting, so a code split by the cut is not left half readable.
            line.append(PersonalCodeMask.mask(route), 0, MAX_PATH).append('…');
        }
        line.append(' ').append(status).append(' ');
        long micros = durationNanos / 1_000;
        long fraction = micros % 1_000;
        line.append(micros / 1_000).append('.');
        if (fraction < 100) {
            line.append(fraction < 10 ? "00" : "0");
        }
        line.append(fraction).append("ms cache=").append(cacheStatus);
        return line.toString();
    }
}
