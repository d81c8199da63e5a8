package lv.sargs.gateway.status;

import org.tinylog.Logger;

/** Logs every status change: INFO when a component becomes OK, WARN when DEGRADED, ERROR when FAILED. */
public final class StatusLog implements StatusListener {

    @Override
    public void changed(ComponentStatus previous, ComponentStatus current) {
        String from = previous == null ? "registered" : previous.state().toString();
        switch (current.state()) {
            case OK -> Logger.info("status {}: {} -> OK ({})", current.name(), from, current.reason());
            case DEGRADED -> Logger.warn("status {}: {} -> DEGRADED ({})", current.name(), from, current.reason());
            default -> Logger.error("status {}: {} -> FAILED ({})", current.name(), from, current.reason());
        }
    }
}
