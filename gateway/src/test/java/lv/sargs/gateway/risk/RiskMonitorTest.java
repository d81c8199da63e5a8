package lv.sargs.gateway.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import lv.sargs.gateway.audit.AuditEvent;
import lv.sargs.gateway.audit.AuditRecord;
import lv.sargs.gateway.metrics.LatencyHistogram;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.status.State;
import lv.sargs.gateway.status.StatusModel;
import lv.sargs.gateway.status.StatusReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each source of trouble is classified to its FKTK No. 125 type, floods aggregate, indicators raise alarms. */
class RiskMonitorTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    @TempDir
    Path data;

    private final MutableClock clock = new MutableClock(T0);
    private final Metrics metrics = new Metrics();
    private final RecordingAlarms alarms = new RecordingAlarms();
    private final StatusModel status = new StatusModel(clock);
    private final RiskSettings settings = new RiskSettings(Duration.ofSeconds(10), Duration.ofMinutes(5),
            Duration.ofMinutes(1), Duration.ofHours(2), 5, 3, 10);

    private RiskMonitor monitor() throws Exception {
        return new RiskMonitor(RiskLog.open(data.resolve("risk")), metrics,
                status.register(RiskMonitor.COMPONENT + "-" + System.nanoTime(), false, State.OK, ""), alarms,
                settings, clock);
    }

    private RiskEvent only(RiskMonitor m, RiskType type) {
        List<RiskEvent> of = m.events().stream().filter(e -> e.type() == type && !e.source().startsWith("KRI"))
                .toList();
        assertEquals(1, of.size(), m.events().toString());
        return of.get(0);
    }

    @Test
    void refusedConnectionsAreAttemptedUnauthorisedAccessAndAFloodIsOneEventWithACount() throws Exception {
        RiskMonitor m = monitor();
        Metrics.Counter allowList = metrics.counter("sargs_connections_refused_total", "",
                "listener=\"client\",reason=\"allow-list\"");
        metrics.counter("sargs_connections_refused_total", "", "listener=\"client\",reason=\"per-source-limit\"")
                .add(7);
        allowList.add(3);
        m.tick();
        clock.plus(Duration.ofMinutes(1));
        allowList.add(4);
        m.tick();

        RiskEvent e = only(m, RiskType.EXTERNAL_FRAUD);
        assertEquals("4.2", e.type().code());
        assertEquals("connection refused: allow-list", e.source());
        assertEquals(7, e.count());
        assertEquals(Duration.ofMinutes(1), e.duration());
        assertFalse(e.closed());

        clock.plus(Duration.ofMinutes(6));
        m.tick();
        assertTrue(only(m, RiskType.EXTERNAL_FRAUD).closed(), "closed after the quiet gap");
        m.close();
    }

    @Test
    void eachAuditedSourceIsClassifiedToItsType() throws Exception {
        RiskMonitor m = monitor();
        m.observe(AuditRecord.of(AuditEvent.CLIENT_REFUSED).withRequest("r1", "core-banking").withPurpose("marketing")
                .withOutcome("purpose-not-allowed"));
        m.observe(AuditRecord.of(AuditEvent.PAYMENT_STATUS).withRequest(null, "payments-hub").withOutcome("REJECTED")
                .with("reason", "AC01"));
        m.observe(AuditRecord.of(AuditEvent.REPORT_SUBMITTED).withRequest("r2", "reporting")
                .withOutcome("report-rejected"));
        m.observe(AuditRecord.of(AuditEvent.REPORT_DELIVERED).withOutcome("failed").with("reason", "sftp refused"));
        metrics.counter("sargs_upstream_calls_total", "", "upstream=\"viss\",outcome=\"deadline_exceeded\"").add(2);
        metrics.counter("sargs_upstream_calls_total", "", "upstream=\"viss\",outcome=\"ok\"").add(100);
        m.tick();

        RiskEvent misuse = only(m, RiskType.CLIENTS_PRODUCTS_PRACTICES);
        assertEquals(Set.of("core-banking"), misuse.clients());
        assertEquals("purpose not held: marketing", misuse.source());
        List<RiskEvent> execution = m.events().stream().filter(e -> e.type() == RiskType.EXECUTION_DELIVERY).toList();
        assertEquals(Set.of("payments", "statistics"), Set.copyOf(execution.stream().map(RiskEvent::service).toList()));
        List<RiskEvent> disruption = m.events().stream().filter(e -> e.type() == RiskType.BUSINESS_DISRUPTION)
                .toList();
        assertTrue(disruption.stream().anyMatch(e -> e.source().equals("upstream viss: deadline_exceeded")
                && e.count() == 2), disruption.toString());
        assertTrue(disruption.stream().anyMatch(e -> e.service().equals("statistics delivery")), disruption.toString());
        m.close();
    }

    @Test
    void aBreachedIndicatorRaisesAnAlarmAndAnEventAndItsCountsSurviveARestart() throws Exception {
        RiskMonitor m = monitor();
        Metrics.Counter failures = metrics.counter("sargs_upstream_calls_total", "",
                "upstream=\"fpr\",outcome=\"connect_failed\"");
        failures.add(4);
        m.tick();
        assertTrue(alarms.raised.isEmpty(), "4 is within the base level of 5");
        m.close();

        // A restart: the process's counters start again at 0, the hour's count does not.
        Metrics fresh = new Metrics();
        RiskMonitor again = new RiskMonitor(RiskLog.open(data.resolve("risk")), fresh,
                status.register("risk-again", false, State.OK, ""), alarms, settings, clock);
        fresh.counter("sargs_upstream_calls_total", "", "upstream=\"fpr\",outcome=\"connect_failed\"").add(2);
        again.tick();

        assertEquals(List.of("kri.failedRegisterCallsPerHour"), alarms.raised, alarms.reasons.toString());
        assertTrue(alarms.reasons.get(0).contains("is 6 (base level 5)"), alarms.reasons.toString());
        assertTrue(again.events().stream().anyMatch(e -> e.source().equals("KRI breach: kri.failedRegisterCallsPerHour")
                && e.type() == RiskType.BUSINESS_DISRUPTION));

        clock.plus(Duration.ofHours(1));
        again.tick();
        assertEquals(List.of("kri.failedRegisterCallsPerHour"), alarms.cleared, "a new hour is back under the level");
        again.close();
    }

    @Test
    void anOutageOfACriticalServiceOpensAnIncidentThatClosesOnRecoveryWithItsDurationAndWhomItHit() throws Exception {
        RiskMonitor m = monitor();
        status.addListener(m.incidents());
        StatusReporter viss = status.register("upstream.viss", false, State.OK, "up");
        m.tick();

        viss.failed("connect refused");
        clock.plus(Duration.ofSeconds(30));
        m.tick();
        assertTrue(m.incidents().toString() != null && RiskLog.read(data.resolve("risk")).incidents().isEmpty(),
                "not yet past the 1 min threshold");
        m.observe(AuditRecord.of(AuditEvent.LOOKUP).withRequest("r1", "core-banking").withOutcome("502"));
        m.observe(AuditRecord.of(AuditEvent.LOOKUP).withRequest("r2", "aml").withOutcome("504"));
        m.observe(AuditRecord.of(AuditEvent.LOOKUP).withRequest("r3", "aml").withOutcome("200"));
        clock.plus(Duration.ofSeconds(40));
        m.tick();
        Incident open = RiskLog.read(data.resolve("risk")).incidents().get(0);
        assertEquals("lookups", open.service());
        assertTrue(open.ended().isEmpty());
        assertEquals(T0.plusSeconds(70).plusSeconds(4 * 3600), open.initialReportDue());
        assertEquals(List.of("incident.lookups"), alarms.raised);

        clock.plus(Duration.ofSeconds(50));
        viss.ok("up again");
        clock.plus(Duration.ofSeconds(10));
        m.tick();
        m.close();

        Incident closed = RiskLog.read(data.resolve("risk")).incidents().get(0);
        assertEquals(T0.plusSeconds(120), closed.ended().orElseThrow());
        assertEquals(Duration.ofSeconds(120), closed.duration(T0));
        assertEquals(Duration.ofSeconds(120), closed.downtime());
        assertEquals(Set.of("core-banking", "aml"), closed.clients());
        assertEquals(2, closed.transactions());
        assertFalse(closed.major());
        assertEquals(List.of("incident.lookups"), alarms.cleared);
        String csv = RiskExport.incidentsCsv(List.of(closed), T0);
        assertTrue(csv.startsWith("id,service,components"), csv);
        assertTrue(csv.contains(",lookups,upstream.viss,"), csv);
        for (Path f : List.of(data.resolve("risk").resolve(RiskLog.FILE))) {
            assertFalse(Files.readString(f).matches("(?s).*\\d{6}-?\\d{5}.*"), "no personal code in " + f);
        }
    }

    @Test
    void anOutageStartsWhenAComponentFirstLeavesOkAndAFailedRequestCountsOnceAgainstItsOwnService() throws Exception {
        RiskMonitor m = monitor();
        status.addListener(m.incidents());
        StatusReporter viss = status.register("upstream.viss", false, State.OK, "up");
        StatusReporter fpr = status.register("upstream.fpr", false, State.OK, "up");
        StatusReporter ekase = status.register("upstream.ekase", false, State.OK, "up");
        m.tick();

        viss.degraded("one call failed");
        clock.plus(Duration.ofSeconds(20));
        viss.failed("breaker open");
        fpr.failed("breaker open");
        ekase.degraded("slow");
        m.observe(AuditRecord.of(AuditEvent.LOOKUP).withRequest("r1", "core-banking").withOutcome("502"));
        clock.plus(Duration.ofSeconds(60));
        m.tick();
        viss.ok("up again");
        fpr.ok("up again");
        ekase.ok("up again");
        clock.plus(Duration.ofSeconds(1));
        m.tick();
        m.close();

        List<Incident> incidents = RiskLog.read(data.resolve("risk")).incidents();
        Incident lookups = incidents.stream().filter(i -> i.service().equals("lookups")).findFirst().orElseThrow();
        assertEquals(T0, lookups.started(), "DEGRADED then FAILED is one outage from its first step");
        assertEquals(Duration.ofSeconds(80), lookups.duration(T0));
        assertEquals(Duration.ofSeconds(60), lookups.downtime(), "downtime is the time FAILED only");
        assertEquals(1, lookups.transactions(), "one failed lookup, however many register components were out");
        assertEquals(Set.of("core-banking"), lookups.clients());
        Incident payments = incidents.stream().filter(i -> i.service().equals("payments")).findFirst().orElseThrow();
        assertEquals(0, payments.transactions(), "a failed lookup is not a payment affected");
        assertEquals(Set.of(), payments.clients());
    }

    @Test
    void aLookupP99AboveItsBaseLevelInAWindowRaisesAnAlarmAndARiskEventAndAFastWindowClearsIt() throws Exception {
        RiskSettings p99 = new RiskSettings(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(1),
                Duration.ofHours(2), 5, 3, 10, Duration.ofMillis(500), Duration.ofMinutes(1));
        RiskMonitor m = new RiskMonitor(RiskLog.open(data.resolve("risk")), metrics,
                status.register(RiskMonitor.COMPONENT, false, State.OK, ""), alarms, p99, clock);
        LatencyHistogram latency = metrics.latencyHistogram(LatencyHistogram.LOOKUP_SECONDS, "", "");
        for (int i = 0; i < 50; i++) {
            latency.recordNanos(3_000_000_000L);
        }
        m.tick();
        for (int i = 0; i < 98; i++) {
            latency.recordNanos(2_000_000);
        }
        latency.recordNanos(400_000_000);
        latency.recordNanos(400_000_000);
        clock.plus(Duration.ofSeconds(61));
        m.tick();
        assertEquals(List.of(), alarms.raised, "98 at 2 ms and 2 at 400 ms: p99 under 500 ms (the earlier slow ones"
                + " were before the window)");

        for (int i = 0; i < 97; i++) {
            latency.recordNanos(2_000_000);
        }
        for (int i = 0; i < 3; i++) {
            latency.recordNanos(800_000_000);
        }
        clock.plus(Duration.ofSeconds(30));
        m.tick();
        assertEquals(List.of(), alarms.raised, "the window has not ended");
        clock.plus(Duration.ofSeconds(31));
        m.tick();
        assertEquals(List.of("kri.lookupP99Millis"), alarms.raised);
        assertTrue(alarms.reasons.get(0).contains("is 903 (base level 500)"), "800 ms in the bucket up to 903 ms: "
                + alarms.reasons);
        RiskEvent breach = m.events().stream().filter(e -> e.source().equals("KRI breach: kri.lookupP99Millis"))
                .findFirst().orElseThrow();
        assertEquals(RiskType.BUSINESS_DISRUPTION, breach.type());
        assertEquals("lookups", breach.service());

        for (int i = 0; i < 100; i++) {
            latency.recordNanos(1_000_000);
        }
        clock.plus(Duration.ofSeconds(61));
        m.tick();
        assertEquals(List.of("kri.lookupP99Millis"), alarms.cleared);
        m.close();
    }

    /** Alarms kept for the test to read. */
    static final class RecordingAlarms implements Alarms {
        final List<String> raised = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();
        final List<String> cleared = new ArrayList<>();

        @Override
        public synchronized void raise(String name, String reason) {
            raised.add(name);
            reasons.add(reason);
        }

        @Override
        public synchronized void clear(String name) {
            cleared.add(name);
        }
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void plus(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
