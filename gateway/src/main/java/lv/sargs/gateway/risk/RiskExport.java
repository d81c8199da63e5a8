package lv.sargs.gateway.risk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The register's events and incidents as CSV (RFC 4180, one header line) and JSON for the bank's
 * risk staff and their reports to the supervisor, with the DORA classification criteria and the
 * reporting timeline of each incident.
 */
public final class RiskExport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RiskExport() {
    }

    /** Incidents as CSV; durations of open ones run to {@code now}. */
    public static String incidentsCsv(List<Incident> incidents, Instant now) {
        StringBuilder out = new StringBuilder();
        row(out, Incident.CSV_HEADER);
        incidents.forEach(i -> row(out, i.csv(now)));
        return out.toString();
    }

    /** Risk events as CSV. */
    public static String eventsCsv(List<RiskEvent> events) {
        StringBuilder out = new StringBuilder();
        row(out, RiskEvent.CSV_HEADER);
        events.forEach(e -> row(out, e.csv()));
        return out.toString();
    }

    /** Incidents as a JSON array of objects with the CSV's members (numbers as numbers). */
    public static String incidentsJson(List<Incident> incidents, Instant now) {
        ArrayNode all = JSON.createArrayNode();
        for (Incident i : incidents) {
            ObjectNode n = all.addObject().put("id", i.id()).put("service", i.service()).put("reason", i.reason())
                    .put("started", i.started().toString()).put("classified", i.classified().toString())
                    .put("ended", i.ended().map(Instant::toString).orElse(null))
                    .put("durationSeconds", i.duration(now).toSeconds())
                    .put("downtimeSeconds", i.downtime().toSeconds()).put("clientsAffected", i.clients().size())
                    .put("transactionsAffected", i.transactions()).put("dataLost", Incident.DATA_LOST)
                    .put("geography", Incident.GEOGRAPHY).put("major", i.major());
            i.components().forEach(n.putArray("components")::add);
            i.clients().forEach(n.putArray("clients")::add);
            n.putObject("reports").put("initialDue", i.initialReportDue().toString())
                    .put("intermediateDue", i.intermediateReportDue().toString())
                    .put("finalDue", i.finalReportDue().toString());
        }
        return write(all);
    }

    /** Risk events as a JSON array. */
    public static String eventsJson(List<RiskEvent> events) {
        ArrayNode all = JSON.createArrayNode();
        for (RiskEvent e : events) {
            ObjectNode n = all.addObject().put("id", e.id()).put("type", e.type().code())
                    .put("typeTitle", e.type().title()).put("source", e.source()).put("service", e.service())
                    .put("start", e.start().toString()).put("end", e.end().toString())
                    .put("durationSeconds", e.duration().toSeconds()).put("count", e.count())
                    .put("transactions", e.transactions()).put("lossEur", e.lossEur().orElse(null))
                    .put("state", e.closed() ? "closed" : "open");
            e.clients().forEach(n.putArray("clients")::add);
        }
        return write(all);
    }

    /**
     * A period's summary (a month {@code 2026-12} or a quarter {@code 2026-Q4}, UTC): events and
     * occurrences per type, incidents and downtime per service, and availability per service.
     */
    public static String summaryJson(RiskLog log, String period) {
        Instant[] range = Periods.range(period);
        ObjectNode out = JSON.createObjectNode().put("period", period).put("from", range[0].toString())
                .put("to", range[1].toString());
        ObjectNode types = out.putObject("riskEvents");
        for (RiskType t : RiskType.values()) {
            List<RiskEvent> of = log.events().stream().filter(e -> e.type() == t
                    && e.start().isBefore(range[1]) && !e.end().isBefore(range[0])).toList();
            types.putObject(t.code()).put("title", t.title()).put("events", of.size())
                    .put("occurrences", of.stream().mapToLong(RiskEvent::count).sum())
                    .put("kriBreaches", of.stream().filter(e -> e.source().startsWith("KRI breach")).count());
        }
        ObjectNode services = out.putObject("services");
        double seconds = Duration.between(range[0], range[1]).toSeconds();
        for (String service : new java.util.TreeSet<>(IncidentTracker.SERVICES.values())) {
            List<Incident> of = log.incidents().stream().filter(i -> i.service().equals(service)
                    && i.started().isBefore(range[1]) && !i.ended().orElse(range[1]).isBefore(range[0])).toList();
            long down = of.stream().mapToLong(i -> i.downtime().toSeconds()).sum();
            services.putObject(service).put("incidents", of.size()).put("major", of.stream()
                            .filter(Incident::major).count()).put("downtimeSeconds", down)
                    .put("availabilityPercent", Math.round((1 - down / seconds) * 100_000) / 1000.0);
        }
        return write(out);
    }

    private static String write(Object node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("risk export cannot be written", e);
        }
    }

    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String c = cells.get(i);
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0) {
                out.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                out.append(c);
            }
        }
        out.append("\r\n");
    }
}
