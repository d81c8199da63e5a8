package lv.sargs.gateway.management;

import java.util.List;
import lv.sargs.gateway.status.ComponentStatus;
import lv.sargs.gateway.status.StatusSnapshot;

/** The JSON shapes of {@code /v1/status} and {@code /readyz}; field names and order are a public contract. */
final class StatusJson {

    private StatusJson() {
    }

    record Component(String name, String state, String reason, String since, boolean requiredForReadiness) {
    }

    record Status(String state, boolean ready, List<Component> components) {
    }

    record Readiness(boolean ready, List<Component> notReady) {
    }

    static Status status(StatusSnapshot s) {
        return new Status(s.overall().name(), s.ready(), components(s.components()));
    }

    static Readiness readiness(StatusSnapshot s) {
        return new Readiness(s.ready(), components(s.notReady()));
    }

    private static List<Component> components(List<ComponentStatus> components) {
        return components.stream().map(c -> new Component(c.name(), c.state().name(), c.reason(),
                c.since().toString(), c.requiredForReadiness())).toList();
    }
}
