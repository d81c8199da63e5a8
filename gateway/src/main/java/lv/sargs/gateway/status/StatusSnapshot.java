package lv.sargs.gateway.status;

import java.util.List;

/**
 * The status model at one instant: the overall state (the worst component state), whether the
 * gateway is ready, and every component in registration order.
 */
public record StatusSnapshot(State overall, boolean ready, List<ComponentStatus> components) {

    public StatusSnapshot {
        components = List.copyOf(components);
    }

    /** The components that keep the gateway from being ready. */
    public List<ComponentStatus> notReady() {
        return components.stream().filter(ComponentStatus::blocksReadiness).toList();
    }
}
