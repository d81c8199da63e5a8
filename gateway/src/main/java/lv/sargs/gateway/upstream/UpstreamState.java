package lv.sargs.gateway.upstream;

import java.time.Instant;
import java.util.Optional;

/**
 * An upstream's health as the client last saw it, for the status model: the level, since when it
 * holds, and the last failure (code and message, never a secret).
 *
 * @param upstream the upstream's name
 * @param health the level
 * @param since when this level began
 * @param lastError the last failed call's message, if any call failed yet
 * @param lastErrorAt when that failure happened
 */
public record UpstreamState(String upstream, Health health, Instant since, Optional<String> lastError,
                            Optional<Instant> lastErrorAt) {

    /** The levels an upstream's health can be in. */
    public enum Health {
        /** Calls succeed. */
        UP,
        /** Calls succeed only after retries, are rate-limited, or the last one failed; the breaker is closed or probing. */
        DEGRADED,
        /** The circuit breaker is open: calls fail fast. */
        DOWN
    }
}
