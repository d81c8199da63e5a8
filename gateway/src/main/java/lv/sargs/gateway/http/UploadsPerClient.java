package lv.sargs.gateway.http;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the streamed uploads each client has in progress, across all connections and event
 * loops, so one client's slow or many uploads cannot take every worker from another's.
 */
final class UploadsPerClient {

    private final int limit;
    private final ConcurrentHashMap<String, Integer> inProgress = new ConcurrentHashMap<>();

    UploadsPerClient(int limit) {
        this.limit = limit;
    }

    int limit() {
        return limit;
    }

    /** Takes a slot for {@code client}; false (nothing taken) when it has {@link #limit()} already. */
    boolean tryStart(String client) {
        boolean[] taken = new boolean[1];
        inProgress.compute(client, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= limit) {
                return n;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    /** Gives back a slot taken by {@link #tryStart}. */
    void finish(String client) {
        inProgress.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
    }
}
