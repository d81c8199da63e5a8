package lv.sargs.gateway.led;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lv.sargs.gateway.alarm.Alarm;
import lv.sargs.gateway.status.ComponentStatus;
import lv.sargs.gateway.status.State;
import lv.sargs.gateway.status.StatusSnapshot;

/**
 * What each light shows for a status and a set of open alarms — the table in docs/operators.md,
 * as code: the health lights by the overall state; the token and the upstreams lights steady when
 * OK, blinking slowly when DEGRADED and fast when FAILED (off when there is no such component);
 * the alarm light blinking fast while an alarm waits for acknowledgement, steady once all are seen.
 */
public final class LightPlan {

    public static final String HEALTH_GREEN = "healthGreen";
    public static final String HEALTH_AMBER = "healthAmber";
    public static final String HEALTH_RED = "healthRed";
    public static final String TOKEN = "token";
    public static final String UPSTREAMS = "upstreams";
    public static final String ALARM = "alarm";
    public static final String ACTIVITY = "activity";

    private LightPlan() {
    }

    /** The pattern of every light but {@link #ACTIVITY}, which follows the traffic. */
    public static Map<String, Pattern> of(StatusSnapshot status, List<Alarm> alarms) {
        Map<String, Pattern> plan = new LinkedHashMap<>();
        plan.put(HEALTH_GREEN, status.overall() == State.OK ? Pattern.ON : Pattern.OFF);
        plan.put(HEALTH_AMBER, status.overall() == State.DEGRADED ? Pattern.ON : Pattern.OFF);
        plan.put(HEALTH_RED, status.overall() == State.FAILED ? Pattern.ON : Pattern.OFF);
        State token = null;
        State upstreams = null;
        for (ComponentStatus c : status.components()) {
            if (c.name().equals("token")) {
                token = c.state();
            } else if (c.name().startsWith("upstream.")) {
                upstreams = upstreams == null ? c.state() : upstreams.worst(c.state());
            }
        }
        plan.put(TOKEN, component(token));
        plan.put(UPSTREAMS, component(upstreams));
        plan.put(ALARM, alarms.isEmpty() ? Pattern.OFF
                : alarms.stream().allMatch(Alarm::acknowledged) ? Pattern.ON : Pattern.BLINK_FAST);
        return plan;
    }

    private static Pattern component(State state) {
        if (state == null) {
            return Pattern.OFF;
        }
        return switch (state) {
            case OK -> Pattern.ON;
            case DEGRADED -> Pattern.BLINK_SLOW;
            case FAILED -> Pattern.BLINK_FAST;
        };
    }
}
