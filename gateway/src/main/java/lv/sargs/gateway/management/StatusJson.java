package lv.sargs.gateway.management;

import java.util.List;
import lv.sargs.gateway.alarm.Alarm;
import lv.sargs.gateway.status.ComponentStatus;
import lv.sargs.gateway.status.StatusSnapshot;

/** The JSON shapes of {@code /v1/status} and {@code /readyz}; field names and order are a public contract. */
final class StatusJson {

    private StatusJson() {
    }

    record Component(String name, String state, String reason, String since, boolean requiredForReadiness) {
    }

    record Status(String state, boolean ready, List<Component> components, List<AlarmView> alarms) {
    }

    record AlarmView(String id, String severity, String since, String meaning, String action, boolean acknowledged,
                     String acknowledgedBy, String acknowledgedAt) {
    }

    record Readiness(boolean ready, List<Component> notReady) {
    }

    static Status status(StatusSnapshot s, List<Alarm> alarms) {
        return new Status(s.overall().name(), s.ready(), components(s.components()), alarms(alarms));
    }

    static List<AlarmView> alarms(List<Alarm> alarms) {
        return alarms.stream().map(StatusJson::alarm).toList();
    }

    static AlarmView alarm(Alarm a) {
        return new AlarmView(a.id(), a.severity().name(), a.since().toString(), a.meaning(), a.action(),
                a.acknowledged(), a.acknowledgement().map(Alarm.Acknowledgement::by).orElse(null),
                a.acknowledgement().map(x -> x.at().toString()).orElse(null));
    }

    static Readiness readiness(StatusSnapshot s) {
        return new Readiness(s.ready(), components(s.notReady()));
    }

    private static List<Component> components(List<ComponentStatus> components) {
        return components.stream().map(c -> new Component(c.name(), c.state().name(), c.reason(),
                c.since().toString(), c.requiredForReadiness())).toList();
    }
}
