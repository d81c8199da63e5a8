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
 */
public record RiskSettings(Duration sampleInterval, Duration quietGap, Duration incidentAfter, Duration majorDowntime,
                           long failedRegisterCallsPerHour, long paymentRejectionsPerDay, long refusalsPerHour) {

    /** The levels used without a {@code risk} section (the reference config's values). */
    public static RiskSettings defaults() {
        return new RiskSettings(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(1),
                Duration.ofHours(2), 50, 20, 100);
    }
}
