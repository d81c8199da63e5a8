package lv.sargs.gateway.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import lv.sargs.gateway.config.ClientRateLimit;

/**
 * One token bucket per client (by declared name), shared by all connections and event loops:
 * {@link #tryAcquire} costs a map lookup and a short lock on the client's own bucket.
 */
final class RequestRates {

    private final long nanosPerToken;
    private final long capacityNanos;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final ClientRateLimit limit;

    RequestRates(ClientRateLimit limit, LongSupplier nanoClock) {
        this.limit = limit;
        this.nanosPerToken = 1_000_000_000L / limit.requestsPerSecond();
        this.capacityNanos = nanosPerToken * limit.burst();
        this.nanoClock = nanoClock;
    }

    ClientRateLimit limit() {
        return limit;
    }

    /** Takes one request from {@code client}'s bucket; false when it is empty. */
    boolean tryAcquire(String client) {
        Bucket b = buckets.get(client);
        if (b == null) {
            b = buckets.computeIfAbsent(client, k -> new Bucket(nanoClock.getAsLong() - capacityNanos));
        }
        return b.take(nanoClock.getAsLong(), nanosPerToken, capacityNanos);
    }

    /** A virtual-time bucket: {@code emptyAt} is when it would hold no token; full once far enough behind now. */
    private static final class Bucket {
        private long emptyAt;

        Bucket(long emptyAt) {
            this.emptyAt = emptyAt;
        }

        synchronized boolean take(long now, long perToken, long capacity) {
            long start = Math.max(emptyAt, now - capacity);
            if (start + perToken > now) {
                return false;
            }
            emptyAt = start + perToken;
            return true;
        }
    }
}
