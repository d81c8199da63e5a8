package lv.sargs.gateway.risk;

import java.time.Duration;

/**
 * How operational risk is watched: how often, when a flood's quiet gap closes its event, when a
 * critical service's outage becomes an incident, and the key risk indicators' base levels.
 *
 * @param sampleInterval how often counters are read and events aggregated
 * @param quietGap an event closes after this long without a new occurrence; until then repeats add to its count
 * @param incidentAfter a critical service down or degraded this long opens an incident
 * @param majorDowntime an incident with this much downtime (or more) is classified major
 * @param failedRegisterCallsPerHour base level: failed register (VISS, FPR) calls in a clock hour
 * @param paymentRejectionsPerDay base level: payments rejected in a UTC day
 * @param refusalsPerHour base level: connections refused (allow-list, unknown certificates) in a clock hour
 * @param lookupP99 base level: the 99th percentile of answered lookups' time within one window
 * @param lookupP99Window the window the lookup p99 is taken over, evaluated as each one ends
 */
public record RiskSettings(Duration sampleInterval, Duration quietGap, Duration incidentAfter, Duration majorDowntime,
                           long failedRegisterCallsPerHour, long paymentRejectionsPerDay, long refusalsPerHour,
                           Duration lookupP99, Duration lookupP99Window) {

    /** Without the lookup p99 keys: their defaults. */
    public RiskSettings(Duration sampleInterval, Duration quietGap, Duration incidentAfter, Duration majorDowntime,
                        long failedRegisterCallsPerHour, long paymentRejectionsPerDay, long refusalsPerHour) {
        this(sampleInterval, quietGap, incidentAfter, majorDowntime, failedRegisterCallsPerHour,
                paymentRejectionsPerDay, refusalsPerHour, DEFAULT_LOOKUP_P99, DEFAULT_LOOKUP_P99_WINDOW);
    }

    /** The lookup p99 base level without {@code risk.kri.lookupP99}. */
    public static final Duration DEFAULT_LOOKUP_P99 = Duration.ofSeconds(1);
    /** The lookup p99 window without {@code risk.kri.lookupP99Window}. */
    public static final Duration DEFAULT_LOOKUP_P99_WINDOW = Duration.ofMinutes(5);

    /** The levels used without a {@code risk} section (the reference config's values). */
    public static RiskSettings defaults() {
        return new RiskSettings(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(1),
                Duration.ofHours(2), 50, 20, 100);
    }
}
