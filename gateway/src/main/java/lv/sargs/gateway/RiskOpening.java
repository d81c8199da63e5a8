package lv.sargs.gateway;

import lv.sargs.gateway.capability.StartupException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import lv.sargs.gateway.audit.AuditTrail;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.gateway.management.ManagementServer;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.risk.Alarms;
import lv.sargs.gateway.risk.RiskExport;
import lv.sargs.gateway.risk.RiskLog;
import lv.sargs.gateway.risk.RiskMonitor;
import lv.sargs.gateway.risk.RiskSettings;
import lv.sargs.gateway.status.State;
import lv.sargs.gateway.status.StatusModel;
import lv.sargs.gateway.status.StatusReporter;

/**
 * Starts the operational-risk monitor on {@code dataDirectory/risk}: it reads the audit trail's
 * records and the metrics, and follows the status model for DORA incidents (docs/risk.md).
 */
final class RiskOpening {

    private RiskOpening() {
    }

    static RiskMonitor start(GatewayConfig config, Path dataDirectory, StatusModel status, Metrics metrics,
                             AuditTrail audit, ManagementServer management) throws StartupException {
        StatusReporter reporter = status.register(RiskMonitor.COMPONENT, false, State.OK, "register open");
        RiskSettings settings = config.risk().map(r -> new RiskSettings(r.sampleInterval(), r.quietGap(),
                r.incidentAfter(), r.majorDowntime(), r.failedRegisterCallsPerHour(), r.paymentRejectionsPerDay(),
                r.refusalsPerHour(), r.lookupP99(), r.lookupP99Window())).orElse(RiskSettings.defaults());
        RiskLog log;
        try {
            log = RiskLog.open(dataDirectory.resolve("risk"));
        } catch (IOException e) {
            throw new StartupException(StartupException.Code.STORES, "dataDirectory: " + dataDirectory.resolve("risk")
                    + " (expected: a writable risk register): " + e.getMessage(), e);
        }
        RiskMonitor monitor = new RiskMonitor(log, metrics, reporter, Alarms.LOG, settings, Clock.systemUTC());
        audit.observe(monitor::observe);
        status.addListener(monitor.incidents());
        monitor.start();
        // Exports for the risk staff on the management listener (docs/risk.md).
        management.serve("/v1/incidents", "application/json", () -> RiskExport.incidentsJson(log.incidents(),
                Instant.now()));
        management.serve("/v1/incidents.csv", "text/csv; charset=utf-8", () -> RiskExport.incidentsCsv(
                log.incidents(), Instant.now()));
        management.serve("/v1/risk/events", "application/json", () -> RiskExport.eventsJson(log.events()));
        management.serve("/v1/risk/events.csv", "text/csv; charset=utf-8", () -> RiskExport.eventsCsv(log.events()));
        return monitor;
    }
}
