package lv.sargs.gateway.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Turns refusals of one client for one reason into one {@code client-refused} record per window,
 * with their count, first and last time and the details of the last, so a flood of thousands of
 * refusals is one line in the trail rather than thousands. A window opens with its first refusal
 * and is written once it is over ({@link #flush}, run periodically) or at {@link #close}.
 */
public final class RefusalTally implements AutoCloseable {

    private final AuditTrail trail;
    private final long windowMillis;
    private final LongSupplier clockMillis;
    private final ConcurrentHashMap<String, Window> open = new ConcurrentHashMap<>();

    /**
     * @param window how long refusals of one client for one reason are gathered into one record
     * @param clockMillis the wall clock (epoch ms) the windows and the records' times are read from
     */
    public RefusalTally(AuditTrail trail, Duration window, LongSupplier clockMillis) {
        this.trail = trail;
        this.windowMillis = window.toMillis();
        this.clockMillis = clockMillis;
    }

    /**
     * Counts one refusal of {@code client} for {@code outcome} (e.g. {@code rate-limited}), with
     * what is worth keeping about it ({@code details}: the last refusal's are written).
     */
    public void refused(String client, String outcome, String requestId, Map<String, String> details) {
        long now = clockMillis.getAsLong();
        open.compute(client + '\n' + outcome, (k, w) -> {
            Window window = w != null ? w : new Window(client, outcome, requestId, now);
            window.count++;
            window.lastMillis = now;
            window.details = details;
            return window;
        });
    }

    /** Writes every window that is over by now. */
    public void flush() {
        long now = clockMillis.getAsLong();
        write(w -> now - w.firstMillis >= windowMillis);
    }

    /** Writes every window, over or not (at shutdown, so no counted refusal is lost). */
    @Override
    public void close() {
        write(w -> true);
    }

    private void write(Predicate<Window> due) {
        List<Window> closed = new ArrayList<>();
        for (String key : open.keySet()) {
            open.computeIfPresent(key, (k, w) -> {
                if (due.test(w)) {
                    closed.add(w);
                    return null;
                }
                return w;
            });
        }
        for (Window w : closed) {
            AuditRecord r = AuditRecord.of(AuditEvent.CLIENT_REFUSED).withRequest(w.firstRequestId, w.client)
                    .withOutcome(w.outcome).with("count", Long.toString(w.count))
                    .with("first", Instant.ofEpochMilli(w.firstMillis).toString())
                    .with("last", Instant.ofEpochMilli(w.lastMillis).toString());
            for (Map.Entry<String, String> d : w.details.entrySet()) {
                r = r.with(d.getKey(), d.getValue());
            }
            trail.record(r);
        }
    }

    /** Refusals of one client for one reason since {@code firstMillis}; mutated only inside the map's compute. */
    private static final class Window {
        final String client;
        final String outcome;
        final String firstRequestId;
        final long firstMillis;
        long lastMillis;
        long count;
        Map<String, String> details = Map.of();

        Window(String client, String outcome, String firstRequestId, long firstMillis) {
            this.client = client;
            this.outcome = outcome;
            this.firstRequestId = firstRequestId;
            this.firstMillis = firstMillis;
        }
    }
}
