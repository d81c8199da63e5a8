package lv.sargs.gateway.upstream.breaker;

import lv.sargs.gateway.upstream.core.BreakerSettings;
import java.util.function.LongSupplier;

/**
 * One upstream's circuit breaker: closed while calls succeed; open after too many failures in a
 * row or too large a failed share of recent calls, failing calls fast; after the cool-down it lets
 * exactly one probe through (half-open), whose outcome closes or reopens it. Thread-safe.
 */
public final class CircuitBreaker {

    /** The breaker's states. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final BreakerSettings settings;
    private final LongSupplier nanoClock;
    private final boolean[] window;
    private int windowNext;
    private int windowFilled;
    private int windowFailures;
    private int consecutiveFailures;
    private State state = State.CLOSED;
    private long openedAtNanos;
    private boolean probeInFlight;

    /** A closed breaker reading time from {@code nanoClock} (e.g. {@code System::nanoTime}). */
    public CircuitBreaker(BreakerSettings settings, LongSupplier nanoClock) {
        this.settings = settings;
        this.nanoClock = nanoClock;
        this.window = new boolean[settings.window()];
    }

    /**
     * Whether a call may go ahead now; a permitted call must report {@link #onSuccess()} or
     * {@link #onFailure()} exactly once.
     */
    public synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (nanoClock.getAsLong() - openedAtNanos < settings.coolDown().toNanos()) {
                    return false;
                }
                state = State.HALF_OPEN;
                probeInFlight = true;
                return true;
            default:
                if (probeInFlight) {
                    return false;
                }
                probeInFlight = true;
                return true;
        }
    }

    /** A permitted call succeeded (or the upstream answered, even with a refusal such as 429). */
    public synchronized void onSuccess() {
        consecutiveFailures = 0;
        if (state == State.HALF_OPEN) {
            probeInFlight = false;
            state = State.CLOSED;
            clearWindow();
            return;
        }
        record(false);
    }

    /** A permitted call failed through the upstream's fault. */
    public synchronized void onFailure() {
        consecutiveFailures++;
        if (state == State.HALF_OPEN) {
            probeInFlight = false;
            open();
            return;
        }
        record(true);
        if (state == State.CLOSED && (consecutiveFailures >= settings.consecutiveFailures()
                || windowFilled == window.length && windowFailures >= settings.failureRatio() * window.length)) {
            open();
        }
    }

    /** The current state; an open breaker whose cool-down has passed still reads OPEN until a call probes. */
    public synchronized State state() {
        return state;
    }

    private void open() {
        state = State.OPEN;
        openedAtNanos = nanoClock.getAsLong();
        clearWindow();
    }

    private void record(boolean failed) {
        if (windowFilled == window.length && window[windowNext]) {
            windowFailures--;
        }
        window[windowNext] = failed;
        if (failed) {
            windowFailures++;
        }
        windowNext = (windowNext + 1) % window.length;
        windowFilled = Math.min(windowFilled + 1, window.length);
    }

    private void clearWindow() {
        java.util.Arrays.fill(window, false);
        windowNext = 0;
        windowFilled = 0;
        windowFailures = 0;
    }
}
