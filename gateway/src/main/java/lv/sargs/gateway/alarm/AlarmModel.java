package lv.sargs.gateway.alarm;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tinylog.Logger;

/**
 * The gateway's open alarms, in the order they were raised: {@code /v1/status}, {@code /metrics},
 * the console and the alarm LED read it. An alarm stays until its cause clears it; acknowledging
 * it records who saw it and stops the LED blinking, but does not close it.
 */
public final class AlarmModel implements Alarms {

    private final Clock clock;
    private final Map<String, Alarm> open = new LinkedHashMap<>();
    private final List<AlarmListener> listeners = new CopyOnWriteArrayList<>();

    public AlarmModel(Clock clock) {
        this.clock = clock;
    }

    /** Adds a listener; it is not told of the past, read {@link #open()} for that. */
    public void addListener(AlarmListener listener) {
        listeners.add(listener);
    }

    @Override
    public void raise(String id, Severity severity, String meaning, String action) {
        Objects.requireNonNull(severity, "severity");
        synchronized (this) {
            Alarm before = open.get(id);
            Alarm now;
            if (before != null && before.severity() == severity) {
                if (before.meaning().equals(meaning) && before.action().equals(action)) {
                    return;
                }
                now = new Alarm(id, severity, before.since(), meaning, action, before.acknowledgement());
            } else {
                // New, or a change of severity: an escalated alarm must be seen (and acknowledged) again.
                now = new Alarm(id, severity, clock.instant(), meaning, action, Optional.empty());
                if (before == null || before.severity() != severity) {
                    Logger.warn("alarm {} {}: {} -- {}", severity, id, meaning, action);
                }
            }
            open.put(id, now);
            notifyListeners(before, now);
        }
    }

    @Override
    public void clear(String id) {
        synchronized (this) {
            Alarm before = open.remove(id);
            if (before != null) {
                Logger.info("alarm {} cleared: {}", id, before.meaning());
                notifyListeners(before, null);
            }
        }
    }

    /**
     * Records that {@code by} has seen alarm {@code id}; acknowledging again keeps the first record.
     *
     * @return the alarm as it is now, or empty when no such alarm is open
     */
    public Optional<Alarm> acknowledge(String id, String by) {
        synchronized (this) {
            Alarm before = open.get(id);
            if (before == null || before.acknowledged()) {
                return Optional.ofNullable(before);
            }
            Alarm now = new Alarm(id, before.severity(), before.since(), before.meaning(), before.action(),
                    Optional.of(new Alarm.Acknowledgement(by, clock.instant())));
            open.put(id, now);
            Logger.info("alarm {} acknowledged by {}", id, by);
            notifyListeners(before, now);
            return Optional.of(now);
        }
    }

    /** Every open alarm, oldest first. */
    public synchronized List<Alarm> open() {
        return new ArrayList<>(open.values());
    }

    /** Alarm {@code id}, if open. */
    public synchronized Optional<Alarm> get(String id) {
        return Optional.ofNullable(open.get(id));
    }

    /** Whether some open alarm waits for acknowledgement. */
    public synchronized boolean unacknowledged() {
        return open.values().stream().anyMatch(a -> !a.acknowledged());
    }

    private void notifyListeners(Alarm before, Alarm now) {
        for (AlarmListener l : listeners) {
            try {
                l.changed(before, now);
            } catch (RuntimeException e) {
                // A broken reader (an LED driver, say) must not keep an alarm from being raised.
                Logger.warn("alarm listener {} failed: {}", l.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
