package lv.sargs.gateway.alarm;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import lv.sargs.gateway.metrics.Metrics;

/**
 * Exposes the alarms on {@code /metrics}: {@code sargs_alarms_open{severity}} and
 * {@code sargs_alarms_unacknowledged} for a dashboard, and per alarm id ever raised
 * {@code sargs_alarm{alarm}} (0 closed, 1 WARNING, 2 CRITICAL) and
 * {@code sargs_alarm_acknowledged{alarm}}, so an alert rule is {@code sargs_alarm > 0}.
 */
public final class AlarmMetrics {

    private AlarmMetrics() {
    }

    /** Registers the gauges, and one pair per alarm id the first time it is raised. */
    public static void register(AlarmModel alarms, Metrics metrics) {
        for (Severity s : Severity.values()) {
            metrics.gauge("sargs_alarms_open", "Open alarms by severity", Metrics.label("severity", s.name()),
                    () -> alarms.open().stream().filter(a -> a.severity() == s).count());
        }
        metrics.gauge("sargs_alarms_unacknowledged", "Open alarms no operator has acknowledged yet", "",
                () -> alarms.open().stream().filter(a -> !a.acknowledged()).count());
        Set<String> known = ConcurrentHashMap.newKeySet();
        for (Alarm a : alarms.open()) {
            perAlarm(alarms, metrics, known, a.id());
        }
        alarms.addListener((previous, current) -> {
            if (current != null) {
                perAlarm(alarms, metrics, known, current.id());
            }
        });
    }

    private static void perAlarm(AlarmModel alarms, Metrics metrics, Set<String> known, String id) {
        if (!known.add(id)) {
            return;
        }
        String label = Metrics.label("alarm", id);
        metrics.gauge("sargs_alarm", "Alarm state: 0 closed, 1 WARNING, 2 CRITICAL", label,
                () -> alarms.get(id).map(a -> a.severity().ordinal() + 1).orElse(0));
        metrics.gauge("sargs_alarm_acknowledged", "1 when the open alarm was acknowledged by an operator", label,
                () -> alarms.get(id).map(a -> a.acknowledged() ? 1 : 0).orElse(0));
    }
}
