package lv.sargs.gateway.http;

import java.util.concurrent.atomic.AtomicInteger;

/** The requests a listener is serving at once, bounded: a request over the bound is answered 503 at once. */
public final class InFlightRequests {

    private final int limit;
    private final AtomicInteger current = new AtomicInteger();

    /** At most {@code limit} (at least 1) requests at once. */
    public InFlightRequests(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("maxRequestsInFlight: " + limit + " (expected: at least 1)");
        }
        this.limit = limit;
    }

    /** Takes a slot, or returns false when all are taken. */
    boolean tryAcquire() {
        if (current.incrementAndGet() > limit) {
            current.decrementAndGet();
            return false;
        }
        return true;
    }

    void release() {
        current.decrementAndGet();
    }

    /** Requests being served now. */
    public int current() {
        return current.get();
    }

    /** The bound. */
    public int limit() {
        return limit;
    }
}
