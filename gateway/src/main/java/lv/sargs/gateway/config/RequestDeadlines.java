package lv.sargs.gateway.config;

import java.time.Duration;

/**
 * How long a request may take to arrive on the client listener, so a slow client cannot hold a
 * connection, a worker or an upload slot: the head complete within {@code headerTimeout} of its
 * first byte; the body at {@code minBodyRate} bytes per second or faster (judged once
 * {@code headerTimeout} has passed since the body began) and whole within {@code bodyTimeout};
 * at most {@code maxUploadsPerClient} streamed uploads (statistics reports) per client at once.
 *
 * @param headerTimeout beyond it 408 and the connection closes
 * @param minBodyRate bytes per second; slower, 408 and the connection closes
 * @param bodyTimeout the whole body's bound, however fast it trickles; beyond it 408
 * @param maxUploadsPerClient concurrent streamed uploads of one client; beyond it 429
 */
public record RequestDeadlines(Duration headerTimeout, long minBodyRate, Duration bodyTimeout, int maxUploadsPerClient) {

    /** What applies when {@code listeners.client.deadlines} is not written. */
    public static final RequestDeadlines DEFAULTS = new RequestDeadlines(Duration.ofSeconds(10), 1024,
            Duration.ofSeconds(120), 2);

    /** Reads {@code listeners.client.deadlines}; null after recording problems. */
    static RequestDeadlines read(Section s) {
        int before = s.problemsCount();
        Duration header = s.required("headerTimeout", "a duration, e.g. 10s")
                .flatMap(n -> n.parse(t -> Units.duration(t, Duration.ofMillis(100), Duration.ofMinutes(5)))).orElse(null);
        Long rate = s.required("minBodyRate", "bytes per second, e.g. 1KiB")
                .flatMap(n -> n.parse(t -> Units.size(t, 1, 1L << 30))).orElse(null);
        Duration body = s.required("bodyTimeout", "a duration, e.g. 120s")
                .flatMap(n -> n.parse(t -> Units.duration(t, Duration.ofMillis(100), Duration.ofHours(1)))).orElse(null);
        Integer uploads = s.required("maxUploadsPerClient", "a whole number, e.g. 2")
                .flatMap(n -> n.integer(1, 1000)).orElse(null);
        s.end();
        return s.problemsCount() > before ? null : new RequestDeadlines(header, rate, body, uploads);
    }
}
