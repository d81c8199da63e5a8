package lv.sargs.hsm;

import java.time.Instant;
import java.util.Objects;

/**
 * What the token's probe last saw: whether private-key operations can run, since when, and why not.
 *
 * @param usable whether operations are expected to succeed
 * @param reason a human explanation naming the token (never the PIN); "ok" when usable
 * @param since when this state began
 */
public record TokenHealth(boolean usable, String reason, Instant since) {

    public TokenHealth {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
    }
}
