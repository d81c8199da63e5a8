package lv.sargs.gateway.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the uses of signing keys on the token for purposes other than TLS (JWT client assertions,
 * CMS signing of statistics files), per key and purpose, and turns each window's counts into one
 * {@code key-used} record per key and purpose: a record per signature would flood the trail (every
 * VISS access token and every report file signs), while the count per window still shows which
 * key signed what, how often and when.
 */
final class KeyUses {

    private record Use(String keyLabel, String purpose) {
    }

    private final Map<Use, LongAdder> counts = new ConcurrentHashMap<>();
    private Instant windowStart;

    KeyUses(Instant start) {
        this.windowStart = start;
    }

    /** One signature by {@code keyLabel} for {@code purpose}; never blocks. */
    void used(String keyLabel, String purpose) {
        counts.computeIfAbsent(new Use(keyLabel, purpose), u -> new LongAdder()).increment();
    }

    /** The window's records (none when no key was used), and a new window from {@code now}. */
    List<AuditRecord> drain(Instant now) {
        Map<Use, Long> taken = new TreeMap<>(java.util.Comparator.comparing(Use::keyLabel).thenComparing(Use::purpose));
        counts.forEach((use, n) -> {
            long c = n.sumThenReset();
            if (c > 0) {
                taken.put(use, c);
            }
        });
        List<AuditRecord> out = new ArrayList<>();
        taken.forEach((use, n) -> out.add(AuditRecord.of(AuditEvent.KEY_USED).withPurpose(use.purpose())
                .withOutcome("signed").with("key", use.keyLabel()).with("count", Long.toString(n))
                .with("from", windowStart.toString()).with("to", now.toString())));
        windowStart = now;
        return out;
    }
}
