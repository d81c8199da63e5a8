package lv.sargs.gateway.config;

import java.time.Duration;

/** Reads the optional {@code risk} section (docs/risk.md); every key in it is required. */
final class RiskReader {

    private RiskReader() {
    }

    static RiskConfig read(Section s) {
        int before = s.problemsCount();
        Duration sample = duration(s, "sampleInterval", "how often risk counters are read, e.g. 10s",
                Duration.ofSeconds(1), Duration.ofMinutes(10));
        Duration gap = duration(s, "quietGap", "repeats within this gap are one event, e.g. 5m",
                Duration.ofSeconds(1), Duration.ofDays(1));
        Duration after = duration(s, "incidentAfter", "how long a critical service may be out before an"
                + " incident opens, e.g. 1m", Duration.ofSeconds(1), Duration.ofHours(24));
        Duration major = duration(s, "majorDowntime", "the downtime that makes an incident major, e.g. 2h",
                Duration.ofMinutes(1), Duration.ofDays(7));
        Long[] kri = new Long[3];
        Duration[] p99 = {Duration.ofSeconds(1), Duration.ofMinutes(5)};
        s.required("kri", "failedRegisterCallsPerHour, paymentRejectionsPerDay, refusalsPerHour")
                .flatMap(Node::section).ifPresent(k -> {
                    kri[0] = k.required("failedRegisterCallsPerHour", "base level, e.g. 50")
                            .flatMap(n -> n.integer(0, 1_000_000_000)).map(Integer::longValue).orElse(null);
                    kri[1] = k.required("paymentRejectionsPerDay", "base level, e.g. 20")
                            .flatMap(n -> n.integer(0, 1_000_000_000)).map(Integer::longValue).orElse(null);
                    kri[2] = k.required("refusalsPerHour", "base level, e.g. 100")
                            .flatMap(n -> n.integer(0, 1_000_000_000)).map(Integer::longValue).orElse(null);
                    // Optional, added later: configs written before them keep working with the defaults.
                    k.optional("lookupP99").flatMap(n -> n.parse(t -> Units.duration(t, Duration.ofMillis(1),
                            Duration.ofMinutes(1)))).ifPresent(d -> p99[0] = d);
                    k.optional("lookupP99Window").flatMap(n -> n.parse(t -> Units.duration(t, Duration.ofSeconds(1),
                            Duration.ofDays(1)))).ifPresent(d -> p99[1] = d);
                    k.end();
                });
        s.end();
        if (s.problemsCount() > before) {
            return null;
        }
        return new RiskConfig(sample, gap, after, major, kri[0], kri[1], kri[2], p99[0], p99[1]);
    }

    private static Duration duration(Section s, String key, String expected, Duration min, Duration max) {
        return s.required(key, expected).flatMap(n -> n.parse(t -> Units.duration(t, min, max))).orElse(null);
    }
}
