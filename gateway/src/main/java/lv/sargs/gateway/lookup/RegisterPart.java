package lv.sargs.gateway.lookup;

import java.util.concurrent.CompletableFuture;

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
}
