package lv.sargs.gateway.status;

import java.time.Instant;
import java.util.Objects;

/**
 * One component's last report: its state, why, since when, and whether the gateway is ready only
 * while this component is not {@link State#FAILED}.
 *
 * @param name stable component name, e.g. {@code token}, {@code listener.client}
 * @param state the state
 * @param reason an operator-readable why, naming the thing; never a secret
 * @param since when the component entered this state (not when it last reported it)
 * @param requiredForReadiness whether {@code /readyz} waits for this component
 */
public record ComponentStatus(String name, State state, String reason, Instant since, boolean requiredForReadiness) {

    public ComponentStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
    }

    /** Whether this component keeps the gateway from being ready. */
    public boolean blocksReadiness() {
        return requiredForReadiness && state == State.FAILED;
    }
}
