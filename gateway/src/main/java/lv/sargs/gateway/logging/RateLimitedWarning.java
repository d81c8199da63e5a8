package lv.sargs.gateway.logging;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.tinylog.Logger;

/**
 * A WARN (or ERROR) line that is written at most once per interval, from any thread, and tells how
 * many similar lines it held back since the last one, so a flood of refusals cannot flood the log.
 */
public final class RateLimitedWarning {

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final AtomicLong nextAllowedNanos;
    private final AtomicLong suppressed = new AtomicLong();

    /** At most one line per {@code interval}, timed by {@link System#nanoTime()}. */
    public RateLimitedWarning(Duration interval) {
        this(interval, System::nanoTime);
    }

    /** At most one line per {@code interval}, timed by {@code nanoClock} (tests pass a fake one). */
    public RateLimitedWarning(Duration interval, LongSupplier nanoClock) {
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
        this.nextAllowedNanos = new AtomicLong(nanoClock.getAsLong());
    }

    /**
     * Logs {@code message} (tinylog {@code {}} placeholders) unless a line went out less than an
     * interval ago, in which case it only counts it.
     *
     * @return whether the line was written
     */
    public boolean warn(String message, Object... arguments) {
        return write(false, message, arguments);
    }

    /** As {@link #warn}, at ERROR: for alarms whose every occurrence is counted elsewhere (metrics). */
    public boolean error(String message, Object... arguments) {
        return write(true, message, arguments);
    }

    private boolean write(boolean error, String message, Object... arguments) {
        long now = nanoClock.getAsLong();
        long next = nextAllowedNanos.get();
        if (now - next < 0 || !nextAllowedNanos.compareAndSet(next, now + intervalNanos)) {
            suppressed.incrementAndGet();
            return false;
        }
        long held = suppressed.getAndSet(0);
        String line = held == 0 ? message : message + " (" + held + " similar lines suppressed)";
        if (error) {
            Logger.error(line, arguments);
        } else {
            Logger.warn(line, arguments);
        }
        return true;
    }

    /** Lines held back since the last one written. */
    public long suppressedSinceLastLine() {
        return suppressed.get();
    }
}
