package lv.sargs.sandbox.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests each endpoint of a simulator received — every request that arrived,
 * whatever the answer or the fault — so a test can assert "exactly one upstream call".
 */
public final class CallCounter {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Counts one request to {@code endpoint}. */
    public void increment(String endpoint) {
        counts.computeIfAbsent(endpoint, k -> new LongAdder()).increment();
    }

    /** Requests to {@code endpoint} so far. */
    public long count(String endpoint) {
        LongAdder adder = counts.get(endpoint);
        return adder == null ? 0 : adder.sum();
    }

    /** Requests to all endpoints so far. */
    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Counts by endpoint name, sorted by name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Back to zero, e.g. between test phases. */
    public void reset() {
        counts.clear();
    }
}
