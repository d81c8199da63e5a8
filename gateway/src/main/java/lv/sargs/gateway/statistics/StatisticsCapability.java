package lv.sargs.gateway.statistics;

import lv.sargs.gateway.statistics.report.StatisticsException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import lv.sargs.gateway.capability.Capability;
import lv.sargs.gateway.capability.CapabilityContext;
import lv.sargs.gateway.capability.StartupException;
import lv.sargs.gateway.config.StatisticsConfig;
import lv.sargs.gateway.audit.AuditEvent;
import lv.sargs.gateway.audit.AuditRecord;
import lv.sargs.gateway.statistics.delivery.DeliveryListener;
import lv.sargs.gateway.statistics.protect.CmsFileProtector;
import lv.sargs.gateway.statistics.protect.FileProtector;
import lv.sargs.gateway.http.Access;
import lv.sargs.gateway.http.Router;
import lv.sargs.gateway.statistics.delivery.SftpSettings;
import lv.sargs.gateway.status.State;
import lv.sargs.gateway.status.StatusReporter;
import lv.sargs.gateway.tls.PemCertificates;
import lv.sargs.gateway.tls.TlsSetupException;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.Token;
import org.tinylog.Logger;

/**
 * Statistics for Latvijas Banka as a gateway capability: starts {@link StatisticsService} from the
 * {@code statistics} section, reports the status component {@code statistics}, and serves
 * {@code /v1/statistics/reports} to clients with the role {@code statistics}.
 */
public final class StatisticsCapability implements Capability {

    /** The status component's name; stable, the console and alerts use it. */
    public static final String COMPONENT = "statistics";
    /** The role a client needs for the statistics routes. */
    public static final String ROLE = "statistics";
    /** Latvijas Banka's days: {@code IESN_DAT} "not after today" is judged in Riga, not UTC. */
    static final ZoneId RIGA = ZoneId.of("Europe/Riga");

    private final StatisticsService service;
    private final ReportRoutes routes;
    private final long maxReportBytes;

    private StatisticsCapability(StatisticsService service, ReportRoutes routes, long maxReportBytes) {
        this.service = service;
        this.routes = routes;
        this.maxReportBytes = maxReportBytes;
    }

    /**
     * Starts the capability when the config has a {@code statistics} section; otherwise reports the
     * component as not configured and starts nothing.
     *
     * @throws StartupException {@code TOKEN} when a configured key (or the signing key's certificate)
     *     is not on the token, {@code STORES} when {@code <data>/statistics} cannot be opened
     */
    public static Optional<Capability> start(CapabilityContext context) throws StartupException {
        Optional<StatisticsConfig> section = context.config().statistics();
        if (section.isEmpty()) {
            context.status().register(COMPONENT, false, State.OK, "not configured (no statistics section): off");
            return Optional.empty();
        }
        StatisticsConfig config = section.get();
        requireKeys(context.token(), config);
        StatusReporter reporter = context.status().register(COMPONENT, false, State.FAILED, "not started yet");
        StatisticsService service;
        try {
            StatisticsSettings settings = settings(config, context.dataDirectory().resolve("statistics"));
            FileProtector cms = new CmsFileProtector(context.token(), settings.signingKeyLabel(),
                    settings.recipients(), settings.signWait());
            FileProtector audited = new FileProtector() {
                @Override
                public void protect(java.io.InputStream plain, java.io.OutputStream p7m) throws java.io.IOException {
                    cms.protect(plain, p7m);
                    // Each .p7m is one signature by the bank's key, counted into the trail's key-used record.
                    context.audit().keyUsed(settings.signingKeyLabel(), "cms-signing");
                }

                @Override
                public long overheadBound(long plainBytes) {
                    return cms.overheadBound(plainBytes);
                }
            };
            service = StatisticsService.start(settings, audited, context.token(), context.metrics(),
                    Clock.system(RIGA));
        } catch (StatisticsException e) {
            reporter.failed("not started: " + e.getMessage());
            StartupException.Code code = e.code() == StatisticsException.Code.STORAGE_FAILED
                    ? StartupException.Code.STORES : StartupException.Code.TOKEN;
            throw new StartupException(code, e.getMessage(), e);
        }
        StatisticsHealth health = new StatisticsHealth(reporter, config.sftp().host() + ":" + config.sftp().port());
        service.onDelivery(new DeliveryListener() {
            @Override
            public void succeeded(int reportsDelivered) {
                health.succeeded(reportsDelivered);
                context.audit().record(AuditRecord.of(AuditEvent.REPORT_DELIVERED).withOutcome("delivered")
                        .with("reports", Integer.toString(reportsDelivered)));
            }

            @Override
            public void replied(String reportId, String replyFile, boolean accepted) {
                context.audit().record(AuditRecord.of(AuditEvent.REPORT_REPLIED)
                        .withOutcome(accepted ? "accepted" : "rejected").with("report", reportId)
                        .with("reply", replyFile));
            }

            @Override
            public void failed(String reason) {
                health.failed(reason);
                context.audit().record(AuditRecord.of(AuditEvent.REPORT_DELIVERED).withOutcome("failed")
                        .with("reason", reason));
            }
        });
        Logger.info("statistics for Latvijas Banka: {} as {}, files to sftp://{}@{}:{}/{}", config.orgCode(),
                config.encoding(), config.sftp().user(), config.sftp().host(), config.sftp().port(),
                config.sftp().outDir());
        return Optional.of(new StatisticsCapability(service, new ReportRoutes(service, health, config.signWait(), context.audit()),
                config.maxReportBytes()));
    }

    @Override
    public String name() {
        return COMPONENT;
    }

    @Override
    public void addRoutes(Router.Builder builder) {
        // The one route that streams: a report may be far beyond the listener's maxBodySize.
        builder.postStreaming("/v1/statistics/reports", Access.role(ROLE), routes.submitDeadline(), maxReportBytes,
                        "statistics.maxReportSize", routes::submit)
                .get("/v1/statistics/reports/{id}", Access.role(ROLE), routes::status);
    }

    /** Delivers pending reports and collects answers now (the operator's "deliver now"); completes when done. */
    public java.util.concurrent.CompletableFuture<Void> deliverNow() {
        return service.deliverNow();
    }

    /** Lets a running submission finish, then stops delivery and closes the store. */
    @Override
    public void close() {
        try {
            routes.close();
        } finally {
            service.close();
        }
    }

    /** Like {@code Gateway.requireKey}: a missing key stops start-up naming its label (exit code 3). */
    private static void requireKeys(Token token, StatisticsConfig config) throws StartupException {
        Set<String> labels = token.listKeys().stream().map(KeyInfo::label).collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        if (!labels.contains(config.signingKeyLabel())) {
            missing.add("statistics.signingKeyLabel: " + config.signingKeyLabel());
        }
        if (!labels.contains(config.sftp().userKeyLabel())) {
            missing.add("statistics.sftp.userKeyLabel: " + config.sftp().userKeyLabel());
        }
        if (!missing.isEmpty()) {
            throw new StartupException(StartupException.Code.TOKEN, String.join("; ", missing)
                    + " (expected: a key with this label on " + token.name() + ")", null);
        }
    }

    private static StatisticsSettings settings(StatisticsConfig c, Path dataDir) throws StartupException {
        List<X509Certificate> recipients = new ArrayList<>();
        for (int i = 0; i < c.recipients().size(); i++) {
            try {
                recipients.addAll(PemCertificates.read("statistics.recipients[" + i + "]", c.recipients().get(i)));
            } catch (TlsSetupException e) {
                // The loader read the same file moments ago: it changed or vanished since.
                throw new StartupException(StartupException.Code.TOKEN, e.getMessage(), e);
            }
        }
        StatisticsConfig.Sftp s = c.sftp();
        SftpSettings sftp = new SftpSettings(s.host(), s.port(), s.user(), s.hostKey(), s.userKeyLabel(), s.outDir(),
                s.inDir(), s.timeout());
        return new StatisticsSettings(dataDir, c.orgCode(), FileEncoding.valueOf(c.encoding()), c.maxFileBytes(),
                c.maxLineChars(), c.signingKeyLabel(), recipients, c.signWait(), sftp, c.deliveryInterval(),
                c.pollInterval());
    }
}
