package lv.sargs.bench.load;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one run of a stream saw: every answer's latency per connection (no sharing on the hot
 * path, merged when read), the statuses, and the errors, reconnects and unexpected answers.
 */
final class LoadRecorder {

    private final long[][] latencies;
    private final int[] counts;
    final AtomicLong non200 = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong errorsShown = new AtomicLong();
    final AtomicLong total = new AtomicLong();
    final AtomicLong unexpected = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    int seconds;

    LoadRecorder(int connections) {
        latencies = new long[connections][1 << 10];
        counts = new int[connections];
    }

    /** One answer on connection {@code slot}; called only from that connection's event loop. */
    void record(int slot, long nanos, int status, Set<Integer> expect) {
        if (status != 200) {
            non200.incrementAndGet();
        }
        total.incrementAndGet();
        if (!expect.contains(status)) {
            unexpected.incrementAndGet();
        }
        statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
        long[] l = latencies[slot];
        if (counts[slot] == l.length) {
            latencies[slot] = l = Arrays.copyOf(l, l.length * 2);
        }
        l[counts[slot]++] = nanos;
    }

    /** Answers recorded, over all connections. */
    int answers() {
        return Arrays.stream(counts).sum();
    }

    /** Every latency recorded, in nanoseconds, sorted; read once the run is over. */
    long[] sortedLatencies() {
        long[] all = new long[answers()];
        int at = 0;
        for (int i = 0; i < counts.length; i++) {
            System.arraycopy(latencies[i], 0, all, at, counts[i]);
            at += counts[i];
        }
        Arrays.sort(all);
        return all;
    }

    /** Answers by status, in status order. */
    Map<Integer, AtomicLong> statuses() {
        return new TreeMap<>(statuses);
    }
}
