package lv.sargs.gateway.lookup;

import lv.sargs.gateway.cache.CachedAnswer;

/**
 * How one part of an answer was settled, with the cached answer it is based on (absent when the
 * register could not be asked or did not answer in time and nothing usable was cached).
 *
 * @param status how the part was settled
 * @param answer the data (or negative entry) served; null for {@link Status#UNAVAILABLE} and {@link Status#TIMED_OUT}
 * @param collapsed whether this request shared a register call already under way
 * @param detail why the register was not used, for {@code Cache-Status} detail and logs; empty otherwise
 */
public record PartOutcome(Status status, CachedAnswer answer, boolean collapsed, String detail) {

    /** How a part was settled. */
    public enum Status {
        /** Served from the cache, fresh. */
        HIT,
        /** Fetched from the register now (and stored). */
        FETCHED,
        /** The register failed or was too slow; a stale cached answer was served. */
        STALE,
        /** The register failed and nothing usable was cached. */
        UNAVAILABLE,
        /** The register did not answer within the budget and nothing usable was cached. */
        TIMED_OUT
    }

    /** Whether the part carries data or a negative answer to show. */
    public boolean hasAnswer() {
        return answer != null;
    }
}
