package lv.sargs.gateway.risk;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One ICT-related incident (DORA art. 17-19) of a critical service, opened by the gateway when the
 * service stays down or degraded past the threshold and closed on recovery, with the
 * classification criteria and the reporting timeline.
 *
 * @param started when the first of its components left OK
 * @param classified when it passed the threshold and was opened (the reporting clock starts here)
 * @param ended when the service was OK again; empty while open
 * @param downtime how long a component was FAILED (not merely DEGRADED)
 * @param clients declared clients whose requests failed during it
 * @param transactions requests, payments or reports that failed during it
 */
public record Incident(String id, String service, Set<String> components, String reason, Instant started,
                       Instant classified, Optional<Instant> ended, Duration downtime, Set<String> clients,
                       long transactions, boolean major) {

    /** Data lost: none is known, since payments, reports and audit records are synced before answers. */
    public static final String DATA_LOST = "none known (payments, reports and audit records are synced before answers)";
    /** The gateway serves one bank at one site. */
    public static final String GEOGRAPHY = "Latvia, one site";

    public Incident {
        // Sorted (Set.copyOf would not keep an order), so the export (JSON, CSV) names components and
        // clients in one order whatever the order of the failures.
        components = Collections.unmodifiableSortedSet(new TreeSet<>(components));
        clients = Collections.unmodifiableSortedSet(new TreeSet<>(clients));
    }

    /** From start to end (or to {@code now} while open). */
    public Duration duration(Instant now) {
        return Duration.between(started, ended.orElse(now));
    }

    /** The initial report is due 4 h after classification (DORA RTS on reporting). */
    public Instant initialReportDue() {
        return classified.plus(Duration.ofHours(4));
    }

    /** The intermediate report: 72 h after the initial one at the latest. */
    public Instant intermediateReportDue() {
        return initialReportDue().plus(Duration.ofHours(72));
    }

    /** The final report: one month after the intermediate one at the latest. */
    public Instant finalReportDue() {
        return intermediateReportDue().plus(Duration.ofDays(30));
    }

    static final List<String> CSV_HEADER = List.of("id", "service", "components", "reason", "started", "classified",
            "ended", "durationSeconds", "downtimeSeconds", "clientsAffected", "clients", "transactionsAffected",
            "dataLost", "geography", "major", "initialReportDue", "intermediateReportDue", "finalReportDue");

    List<String> csv(Instant now) {
        return List.of(id, service, String.join(" ", components), reason, started.toString(), classified.toString(),
                ended.map(Instant::toString).orElse(""), Long.toString(duration(now).toSeconds()),
                Long.toString(downtime.toSeconds()), Integer.toString(clients.size()), String.join(" ", clients),
                Long.toString(transactions), DATA_LOST, GEOGRAPHY, Boolean.toString(major),
                initialReportDue().toString(), intermediateReportDue().toString(), finalReportDue().toString());
    }
}
