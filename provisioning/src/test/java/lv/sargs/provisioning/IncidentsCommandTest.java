package lv.sargs.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import lv.sargs.gateway.audit.AuditEvent;
import lv.sargs.gateway.audit.AuditRecord;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.risk.Alarms;
import lv.sargs.gateway.risk.RiskLog;
import lv.sargs.gateway.risk.RiskMonitor;
import lv.sargs.gateway.risk.RiskSettings;
import lv.sargs.gateway.status.State;
import lv.sargs.gateway.status.StatusModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sargs-admin incidents export|summary} on a register the risk monitor wrote. */
class IncidentsCommandTest {

    @TempDir
    Path data;

    private String[] admin(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SargsAdmin.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new String[] {Integer.toString(exit), out.toString(), err.toString()};
    }

    @Test
    void exportsEventsAsCsvAndJsonAndSummarisesAMonth() throws Exception {
        StatusModel status = new StatusModel(Clock.systemUTC());
        try (RiskMonitor m = new RiskMonitor(RiskLog.open(data.resolve("risk")), new Metrics(),
                status.register("risk", false, State.OK, ""), Alarms.LOG, RiskSettings.defaults(), Clock.systemUTC())) {
            m.observe(AuditRecord.of(AuditEvent.CLIENT_REFUSED).withRequest("r1", "core-banking")
                    .withPurpose("marketing").withOutcome("purpose-not-allowed"));
            m.tick();
        }

        String[] csv = admin("incidents", "export", "--data", data.toString(), "--what", "events", "--format", "csv");
        assertEquals("0", csv[0], csv[2]);
        assertTrue(csv[1].startsWith("id,type,typeTitle,source,service"), csv[1]);
        assertTrue(csv[1].contains(",4.4,") && csv[1].contains("core-banking"), csv[1]);

        Path out = data.resolve("incidents.json");
        String[] json = admin("incidents", "export", "--data", data.toString(), "--out", out.toString());
        assertEquals("0", json[0], json[2]);
        assertEquals("[ ]", Files.readString(out).strip());

        String month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
        String[] summary = admin("incidents", "summary", "--data", data.toString(), "--period", month);
        assertEquals("0", summary[0], summary[2]);
        assertTrue(summary[1].contains("\"4.4\"") && summary[1].contains("\"availabilityPercent\" : 100.0"),
                summary[1]);

        String[] bad = admin("incidents", "summary", "--data", data.toString(), "--period", "December");
        assertEquals(Integer.toString(SargsAdmin.USAGE), bad[0]);
        assertTrue(bad[2].contains("period: December (expected: a month 2026-12 or a quarter 2026-Q4)"), bad[2]);
    }
}
