package lv.sargs.gateway.config;

/**
 * How many requests each declared client may send: a token bucket per client refilled at
 * {@code requestsPerSecond}, holding at most {@code burst}; past it, 429 with {@code Retry-After},
 * so one runaway core system cannot take the gateway (or the registers' fees) from the others.
 *
 * @param requestsPerSecond sustained rate per client
 * @param burst requests a client may send at once after being quiet
 */
public record ClientRateLimit(int requestsPerSecond, int burst) {

    /** What applies when {@code listeners.client.rateLimit} is not written. */
    public static final ClientRateLimit DEFAULTS = new ClientRateLimit(200, 400);

    /** Reads {@code listeners.client.rateLimit}; null after recording problems. */
    static ClientRateLimit read(Section s) {
        int before = s.problemsCount();
        Integer rate = s.required("requestsPerSecond", "a whole number, e.g. 200").flatMap(n -> n.integer(1, 1_000_000))
                .orElse(null);
        Integer burst = s.required("burst", "a whole number, e.g. 400").flatMap(n -> n.integer(1, 1_000_000)).orElse(null);
        s.end();
        return s.problemsCount() > before ? null : new ClientRateLimit(rate, burst);
    }
}
