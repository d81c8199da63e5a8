package lv.sargs.gateway.status;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The gateway's one source of truth about its health: every component registers once and reports
 * OK / DEGRADED / FAILED with a reason; {@code /readyz}, {@code /v1/status}, {@code /metrics}, the
 * LEDs and the console all read it. The overall state is the worst component state; the gateway is
 * ready when no component required for readiness is FAILED. An empty model is neither OK nor ready.
 */
public final class StatusModel {

    private final Clock clock;
    private final Map<String, ComponentStatus> components = new LinkedHashMap<>();
    private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, java.util.function.Supplier<String>> liveDetails = new java.util.concurrent.ConcurrentHashMap<>();

    public StatusModel(Clock clock) {
        this.clock = clock;
    }

    /**
     * Registers component {@code name} in {@code initial} state and returns its reporter; a
     * component that must be working before traffic is accepted is {@code requiredForReadiness}.
     *
     * @throws IllegalArgumentException when {@code name} is already registered
     */
    public StatusReporter register(String name, boolean requiredForReadiness, State initial, String reason) {
        ComponentStatus status = new ComponentStatus(name, initial, reason, clock.instant(), requiredForReadiness);
        synchronized (this) {
            if (components.putIfAbsent(name, status) != null) {
                throw new IllegalArgumentException("status component " + name + " is already registered");
            }
            notifyListeners(null, status);
        }
        return new StatusReporter(this, name);
    }

    /** Adds a listener; it is not told of the past, read {@link #snapshot()} for that. */
    public void addListener(StatusListener listener) {
        listeners.add(listener);
    }

    /** The current status of everything. */
    public synchronized StatusSnapshot snapshot() {
        List<ComponentStatus> all = new ArrayList<>(components.size());
        for (ComponentStatus c : components.values()) {
            java.util.function.Supplier<String> live = liveDetails.get(c.name());
            all.add(live == null ? c : new ComponentStatus(c.name(), c.state(), c.reason() + "; " + live.get(), c.since(),
                    c.requiredForReadiness()));
        }
        State overall = all.isEmpty() ? State.FAILED : State.OK;
        boolean ready = !all.isEmpty();
        for (ComponentStatus c : all) {
            overall = overall.worst(c.state());
            ready &= !c.blocksReadiness();
        }
        return new StatusSnapshot(overall, ready, all);
    }

    /** The current status of component {@code name}, if registered. */
    public synchronized java.util.Optional<ComponentStatus> component(String name) {
        return java.util.Optional.ofNullable(components.get(name));
    }

    /** Appends {@code detail}'s current value to the component's reason in every snapshot; listeners are not told. */
    void liveDetail(String name, java.util.function.Supplier<String> detail) {
        liveDetails.put(name, detail);
    }

    void report(String name, State state, String reason) {
        synchronized (this) {
            ComponentStatus previous = components.get(name);
            if (previous.state() == state && previous.reason().equals(reason)) {
                return;
            }
            ComponentStatus current = new ComponentStatus(name, state, reason,
                    previous.state() == state ? previous.since() : clock.instant(), previous.requiredForReadiness());
            components.put(name, current);
            // Under the lock so every listener sees the changes in the order they happened.
            notifyListeners(previous, current);
        }
    }

    private void notifyListeners(ComponentStatus previous, ComponentStatus current) {
        for (StatusListener l : listeners) {
            l.changed(previous, current);
        }
    }
}
