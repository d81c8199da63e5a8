package lv.sargs.gateway.status;

import org.tinylog.Logger;

/**
 * Logs every status change: INFO when a component becomes OK, WARN when DEGRADED, ERROR when
 * FAILED; registrations at DEBUG, and everything at INFO once an orderly shutdown has begun (a
 * listener closing on SIGTERM is not an alarm).
 */
public final class StatusLog implements StatusListener {

    private volatile boolean shuttingDown;

    /** From now on, changes are expected: log them at INFO. */
    public void shuttingDown() {
        shuttingDown = true;
    }

    @Override
    public void changed(ComponentStatus previous, ComponentStatus current) {
        if (previous == null) {
            Logger.debug("status {}: registered {} ({})", current.name(), current.state(), current.reason());
            return;
        }
        String line = "status {}: {} -> {} ({})";
        if (!shuttingDown && previous.state() == current.state()) {
            // Only the reason moved (a count in it, the next failed attempt of an outage): not news for
            // the journal, which keeps every change of state; an outage would otherwise log each retry.
            Logger.debug(line, current.name(), previous.state(), current.state(), current.reason());
        } else if (shuttingDown || current.state() == State.OK) {
            Logger.info(line, current.name(), previous.state(), current.state(), current.reason());
        } else if (current.state() == State.DEGRADED) {
            Logger.warn(line, current.name(), previous.state(), current.state(), current.reason());
        } else {
            Logger.error(line, current.name(), previous.state(), current.state(), current.reason());
        }
    }
}
