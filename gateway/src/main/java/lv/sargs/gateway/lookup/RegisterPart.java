package lv.sargs.gateway.lookup;

import java.util.concurrent.CompletableFuture;
import lv.sargs.gateway.upstream.core.Deadline;

/**
 * One kind of data one register gives about one subject (e.g. VISS legal entity, VISS beneficial
 * owners, FPR person), fetched at a fee, within a deadline, without blocking the caller.
 */
public interface RegisterPart {

    /** The part's register and data class; selects its terms and its cache keys. */
    PartKey key();

    /** The register, e.g. {@code viss} or {@code fpr}; a label in metrics and in answers. */
    default String source() {
        return key().source();
    }

    /** The data class, e.g. {@code legal-entity}. */
    default String dataClass() {
        return key().dataClass();
    }

    /** The fee one call costs, in euro cents, as configured. */
    long feeCents();

    /**
     * Fetches the part for {@code id}; completes with {@link Fetched} or fails with the upstream's
     * typed error, and by itself gives up at {@code deadlineNanos} ({@link System#nanoTime()} base).
     */
    CompletableFuture<Fetched> fetch(String id, long deadlineNanos);

    /**
     * The part {@code key} at {@code feeCents} a call, fetched by {@code fetch}; an upstream that
     * gives up at the deadline makes the part time out (stale or {@code timed-out}), not fail.
     */
    static RegisterPart of(PartKey key, long feeCents, Fetch fetch) {
        return new FetchingPart(key, feeCents, fetch);
    }

    /** How a register fetches one part about one subject, mapped to the standard section, within a deadline. */
    @FunctionalInterface
    interface Fetch {
        CompletableFuture<Fetched> fetch(String id, Deadline deadline);
    }
}
