package lv.sargs.gateway.alarm;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One open alarm: a stable id (e.g. {@code certificate.listeners.client.tls.certificateChain}),
 * its severity, since when it holds at that severity, what it means and what the operator should
 * do, and who acknowledged it, if anyone.
 *
 * @param id stable identifier; the same cause always raises the same id
 * @param severity how urgent
 * @param since when it was raised at this severity
 * @param meaning what is wrong, naming the thing; never a secret
 * @param action what the operator should do next
 * @param acknowledgement who acknowledged it and when; empty while it waits for an operator
 */
public record Alarm(String id, Severity severity, Instant since, String meaning, String action,
                   Optional<Acknowledgement> acknowledgement) {

    public Alarm {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(meaning, "meaning");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(acknowledgement, "acknowledgement");
    }

    /** Whether an operator has acknowledged this alarm. */
    public boolean acknowledged() {
        return acknowledgement.isPresent();
    }

    /** Who acknowledged an alarm, and when. */
    public record Acknowledgement(String by, Instant at) {
    }
}
