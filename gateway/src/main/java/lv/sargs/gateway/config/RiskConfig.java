package lv.sargs.gateway.config;

import java.time.Duration;

/**
 * Operational-risk watching (docs/risk.md): the key risk indicators' base levels and when an
 * outage of a critical service becomes a DORA incident.
 *
 * @param sampleInterval how often counters are read and events aggregated
 * @param quietGap repeats of one source within this gap are one event with a count
 * @param incidentAfter a critical service down or degraded this long opens an incident
 * @param majorDowntime an incident with this much downtime is classified major
 * @param failedRegisterCallsPerHour base level of failed VISS/FPR calls in a clock hour
 * @param paymentRejectionsPerDay base level of payments rejected in a UTC day
 * @param refusalsPerHour base level of refused connections in a clock hour
 * @param lookupP99 base level of answered lookups' 99th percentile time in a window
 * @param lookupP99Window the window that percentile is taken over
 */
public record RiskConfig(Duration sampleInterval, Duration quietGap, Duration incidentAfter, Duration majorDowntime,
                         long failedRegisterCallsPerHour, long paymentRejectionsPerDay, long refusalsPerHour,
                         Duration lookupP99, Duration lookupP99Window) {
}
