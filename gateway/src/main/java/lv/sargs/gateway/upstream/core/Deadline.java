package lv.sargs.gateway.upstream.core;

import java.time.Duration;

/**
 * An absolute point in time on the monotonic clock ({@link System#nanoTime()}) by which a call
 * must be complete, together with the budget it was given, so that every phase of the call (pool
 * wait, connect, handshake, response, backoff) draws on the same budget and a failure can name it.
 */
public final class Deadline {

    private final long atNanos;
    private final long budgetNanos;

    private Deadline(long atNanos, long budgetNanos) {
        this.atNanos = atNanos;
        this.budgetNanos = budgetNanos;
    }

    /** A deadline {@code budget} from now; the budget must be positive. */
    public static Deadline after(Duration budget) {
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("deadline budget: " + budget + " (expected: positive)");
        }
        long nanos = budget.toNanos();
        return new Deadline(System.nanoTime() + nanos, nanos);
    }

    /**
     * The deadline at {@code atNanos} ({@link System#nanoTime()} base), e.g. a request's end-to-end
     * budget passed down from the client listener; its budget is what is left of it now.
     */
    public static Deadline at(long atNanos) {
        return new Deadline(atNanos, Math.max(1, atNanos - System.nanoTime()));
    }

    /** Nanoseconds left; zero or negative once the deadline has passed. */
    public long remainingNanos() {
        return atNanos - System.nanoTime();
    }

    /** Whether the deadline has passed. */
    public boolean expired() {
        return remainingNanos() <= 0;
    }

    /** The budget this deadline was created with, for messages. */
    public Duration budget() {
        return Duration.ofNanos(budgetNanos);
    }

    @Override
    public String toString() {
        return "deadline{budget=" + budget().toMillis() + " ms, remaining=" + remainingNanos() / 1_000_000 + " ms}";
    }
}
