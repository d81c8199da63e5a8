package lv.sargs.sandbox.server;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fixed-window request quota per client, as API managers apply per application: at most
 * {@code permits} calls per window; past that, the seconds until the window ends.
 */
public final class RateLimiter {

    private final int permits;
    private final long windowMillis;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** A quota of {@code permits} per {@code window}. */
    public RateLimiter(int permits, Duration window, Clock clock) {
        if (permits < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("rateLimit: " + permits + " per " + window
                    + " (expected: at least 1 per a positive window)");
        }
        this.permits = permits;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    private static final class Window {
        long start;
        int used;
    }

    /** 0 when the call is within quota (and counts it), else the whole seconds to wait, at least 1. */
    public long acquire(String client) {
        long now = clock.millis();
        Window w = windows.computeIfAbsent(client, k -> new Window());
        synchronized (w) {
            if (now - w.start >= windowMillis) {
                w.start = now - Math.floorMod(now - w.start, windowMillis);
                w.used = 0;
            }
            if (w.used < permits) {
                w.used++;
                return 0;
            }
            long waitMillis = w.start + windowMillis - now;
            return Math.max(1, (waitMillis + 999) / 1000);
        }
    }
}
