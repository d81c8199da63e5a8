package lv.sargs.gateway.upstream.core;

import lv.sargs.gateway.upstream.core.Settings;
import java.time.Duration;

/**
 * When an upstream's circuit breaker opens and how it recovers: it opens after
 * {@code consecutiveFailures} failed calls in a row, or when at least {@code failureRatio} of the
 * last {@code window} calls failed; after {@code coolDown} one probe call is let through, whose
 * success closes it again.
 *
 * @param consecutiveFailures failed calls in a row that open the breaker
 * @param failureRatio the failed share of the window that opens the breaker, in (0, 1]
 * @param window how many recent calls the ratio is taken over (only once that many were made)
 * @param coolDown how long the breaker stays open before a probe
 */
public record BreakerSettings(int consecutiveFailures, double failureRatio, int window, Duration coolDown) {

    public BreakerSettings {
        Settings.requireRange("breaker.consecutiveFailures", consecutiveFailures, 1, 10_000);
        if (!(failureRatio > 0 && failureRatio <= 1)) {
            throw new IllegalArgumentException("breaker.failureRatio: " + failureRatio + " (expected: above 0, at most 1)");
        }
        Settings.requireRange("breaker.window", window, 1, 10_000);
        Settings.requirePositive("breaker.coolDown", coolDown);
    }

    /** Open after 5 failures in a row or half of the last 20 calls; probe after 10 s. */
    public static BreakerSettings defaults() {
        return new BreakerSettings(5, 0.5, 20, Duration.ofSeconds(10));
    }
}
