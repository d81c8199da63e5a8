package lv.sargs.gateway.status;

import lv.sargs.gateway.metrics.Metrics;

/**
 * Exposes the status model on {@code /metrics}: {@code sargs_ready}, {@code sargs_state} (overall)
 * and {@code sargs_component_state} per component, with 0 = OK, 1 = DEGRADED, 2 = FAILED, so an
 * alert is {@code sargs_component_state > 0}.
 */
public final class StatusMetrics {

    private StatusMetrics() {
    }

    /** Registers the gauges, including one for each component registered later. */
    public static void register(StatusModel model, Metrics metrics) {
        metrics.gauge("sargs_ready", "1 when every component required for readiness is not FAILED", "",
                () -> model.snapshot().ready() ? 1 : 0);
        metrics.gauge("sargs_state", "Overall state: 0 OK, 1 DEGRADED, 2 FAILED", "",
                () -> model.snapshot().overall().ordinal());
        for (ComponentStatus c : model.snapshot().components()) {
            component(model, metrics, c.name());
        }
        model.addListener((previous, current) -> {
            if (previous == null) {
                component(model, metrics, current.name());
            }
        });
    }

    private static void component(StatusModel model, Metrics metrics, String name) {
        metrics.gauge("sargs_component_state", "Component state: 0 OK, 1 DEGRADED, 2 FAILED",
                Metrics.label("component", name), () -> model.component(name).map(c -> c.state().ordinal()).orElse(State.FAILED.ordinal()));
    }
}
