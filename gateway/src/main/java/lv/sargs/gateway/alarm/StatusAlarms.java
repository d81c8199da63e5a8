package lv.sargs.gateway.alarm;

import java.time.Clock;
import java.time.Duration;
import lv.sargs.gateway.status.ComponentStatus;
import lv.sargs.gateway.status.State;
import lv.sargs.gateway.status.StatusListener;
import lv.sargs.gateway.status.StatusModel;

/**
 * Turns the status model into alarms: the token unusable raises {@code token} (CRITICAL) at once;
 * an upstream not OK for longer than the configured time raises {@code upstream.<name>} (CRITICAL
 * when DOWN, WARNING when DEGRADED); any other component FAILED raises {@code component.<name>}.
 * Each clears when its component is well again.
 */
public final class StatusAlarms implements StatusListener {

    static final String TOKEN = "token";
    private static final String UPSTREAM = "upstream.";

    private final StatusModel status;
    private final Alarms alarms;
    private final Duration upstreamUnavailable;
    private final Clock clock;
    private volatile boolean stopped;

    public StatusAlarms(StatusModel status, Alarms alarms, Duration upstreamUnavailable, Clock clock) {
        this.status = status;
        this.alarms = alarms;
        this.upstreamUnavailable = upstreamUnavailable;
        this.clock = clock;
    }

    @Override
    public void changed(ComponentStatus previous, ComponentStatus current) {
        if (!stopped) {
            judge(current);
        }
    }

    /** From now on components stop on purpose (an orderly shutdown): no new alarms. */
    public void stop() {
        stopped = true;
    }

    /** Looks at every component again: an upstream's time of trouble grows without a status change. */
    public void check() {
        if (stopped) {
            return;
        }
        for (ComponentStatus c : status.snapshot().components()) {
            judge(c);
        }
    }

    private void judge(ComponentStatus c) {
        if (c.name().equals(TOKEN)) {
            token(c);
        } else if (c.name().startsWith(UPSTREAM)) {
            upstream(c);
        } else if (c.state() == State.FAILED) {
            alarms.raise("component." + c.name(), Severity.CRITICAL, c.name() + " has FAILED: " + c.reason(),
                    "Read the gateway's log for " + c.name() + " (journalctl -u sargs); fix what it names, then"
                            + " check /v1/status.");
        } else {
            alarms.clear("component." + c.name());
        }
    }

    private void token(ComponentStatus c) {
        if (c.state() == State.FAILED) {
            alarms.raise(TOKEN, Severity.CRITICAL, "The token is gone or logged out: " + c.reason()
                            + ". Nothing can be signed or served over TLS.",
                    "Check that the HSM or smartcard is connected and powered; re-probe the token from the console."
                            + " If it stays unusable, restart the gateway so it logs in again.");
        } else {
            alarms.clear(TOKEN);
        }
    }

    private void upstream(ComponentStatus c) {
        String id = c.name();
        Duration out = Duration.between(c.since(), clock.instant());
        if (c.state() == State.OK || out.compareTo(upstreamUnavailable) < 0) {
            if (c.state() == State.OK) {
                alarms.clear(id);
            }
            return;
        }
        String name = c.name().substring(UPSTREAM.length());
        Severity severity = c.state() == State.FAILED ? Severity.CRITICAL : Severity.WARNING;
        alarms.raise(id, severity, "Upstream " + name + " has been " + (c.state() == State.FAILED ? "unavailable"
                        : "impaired") + " since " + c.since() + " (" + out.toMinutes() + " min): " + c.reason(),
                "Check the network path and " + name + "'s own status page; answers are served from the cache"
                        + " while it lasts. Tell the bank's service desk if it stays down.");
    }
}
