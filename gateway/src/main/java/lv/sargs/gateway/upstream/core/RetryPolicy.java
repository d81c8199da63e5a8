package lv.sargs.gateway.upstream.core;

import java.time.Duration;

/**
 * How idempotent calls are retried after a reset, a 5xx or a 429: at most {@code maxAttempts}
 * attempts in all, waiting a random time up to {@code baseBackoff·2ⁿ} (capped at {@code maxBackoff})
 * between them, and never past the call's deadline.
 *
 * @param maxAttempts attempts in all, the first included; 1 disables retries
 * @param baseBackoff the upper bound of the first (jittered) wait
 * @param maxBackoff the upper bound of any wait
 */
public record RetryPolicy(int maxAttempts, Duration baseBackoff, Duration maxBackoff) {

    public RetryPolicy {
        Settings.requireRange("retry.maxAttempts", maxAttempts, 1, 10);
        Settings.requirePositive("retry.baseBackoff", baseBackoff);
        Settings.requirePositive("retry.maxBackoff", maxBackoff);
        if (maxBackoff.compareTo(baseBackoff) < 0) {
            throw new IllegalArgumentException("retry.maxBackoff: " + maxBackoff + " (expected: at least baseBackoff "
                    + baseBackoff + ")");
        }
    }

    /** Three attempts, waits up to 50 ms, 100 ms, capped at 500 ms. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(500));
    }

    /** The upper bound of the wait before attempt {@code attempt} (2 = the first retry). */
    public long backoffBoundNanos(int attempt) {
        int doublings = Math.min(attempt - 2, 20);
        long bound = baseBackoff.toNanos() << doublings;
        return Math.min(bound < 0 ? Long.MAX_VALUE : bound, maxBackoff.toNanos());
    }
}
