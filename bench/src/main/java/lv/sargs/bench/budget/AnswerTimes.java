package lv.sargs.bench.budget;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every answer's time and status in one benchmark run, whatever JMH chose to sample: the budget is
 * about the slowest answer, so none may go unseen. Thread-safe; the per-answer cost is a few
 * atomic updates and one slot in a log-linear histogram (1 % resolution, exact maximum).
 */
final class AnswerTimes {

    /** Buckets: 100 per power of two from 1 µs up, enough for answers up to ~70 minutes. */
    private static final int PER_OCTAVE = 100;
    private static final int OCTAVES = 32;

    private final LongAdder[] buckets = new LongAdder[PER_OCTAVE * OCTAVES];
    private final AtomicLong maxNanos = new AtomicLong();
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final LongAdder count = new LongAdder();
    private volatile boolean recording;

    AnswerTimes() {
        Arrays.setAll(buckets, i -> new LongAdder());
    }

    /** From now on answers count (after the rig's own preparation, so that it is not measured). */
    void start() {
        recording = true;
    }

    /** Records one answer that took {@code nanos} with {@code outcome} (its status, or the client's error). */
    void record(long nanos, String outcome) {
        if (!recording) {
            return;
        }
        count.increment();
        buckets[bucket(nanos)].increment();
        maxNanos.accumulateAndGet(nanos, Math::max);
        outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
    }

    private static int bucket(long nanos) {
        double micros = Math.max(1.0, nanos / 1000.0);
        int index = (int) (Math.log(micros) / Math.log(2) * PER_OCTAVE);
        return Math.min(index, PER_OCTAVE * OCTAVES - 1);
    }

    private static double bucketMillis(int index) {
        return Math.pow(2, (index + 1) / (double) PER_OCTAVE) / 1000.0;
    }

    /** The slowest answer seen. */
    Duration max() {
        return Duration.ofNanos(maxNanos.get());
    }

    /** Answers seen, by status or error. */
    Map<String, Long> outcomes() {
        Map<String, Long> out = new TreeMap<>();
        outcomes.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** The answers that were not HTTP answers at all (the client's errors). */
    long failures() {
        return outcomes().entrySet().stream().filter(e -> !e.getKey().matches("\\d{3}"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** {@code p} (0-100) of all answers in ms, to the histogram's 1 % resolution. */
    double percentileMillis(double p) {
        long total = count.sum();
        long rank = (long) Math.ceil(total * p / 100.0);
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i].sum();
            if (seen >= Math.max(rank, 1)) {
                // A bucket's upper edge may lie past the slowest answer; never report more than it.
                return Math.min(bucketMillis(i), maxNanos.get() / 1e6);
            }
        }
        return maxNanos.get() / 1e6;
    }

    /** One line for the log: count, p50/p99/p99.9, exact max and outcomes. */
    String summary(String scenario) {
        return String.format("BUDGET %s: %d answers, p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms, outcomes %s",
                scenario, count.sum(), percentileMillis(50), percentileMillis(99), percentileMillis(99.9),
                maxNanos.get() / 1e6, outcomes());
    }

    /**
     * Fails the run when any answer took longer than {@code budget} or never came.
     *
     * @throws IllegalStateException naming the scenario, the slowest answer and the budget
     */
    void check(String scenario, Duration budget) {
        if (count.sum() == 0) {
            throw new IllegalStateException("budget " + scenario + ": no answer was recorded (expected: at least one)");
        }
        if (max().compareTo(budget) > 0 || failures() > 0) {
            throw new IllegalStateException("budget " + scenario + ": slowest answer " + max().toMillis() + " ms, "
                    + failures() + " without an answer (expected: every answer within " + budget.toMillis() + " ms)");
        }
    }
}
