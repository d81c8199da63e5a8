package lv.sargs.gateway.treasury;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import lv.sargs.gateway.capability.Capability;
import lv.sargs.gateway.capability.CapabilityContext;
import lv.sargs.gateway.capability.StartupException;
import lv.sargs.gateway.audit.AuditEvent;
import lv.sargs.gateway.audit.AuditRecord;
import lv.sargs.gateway.audit.AuditTrail;
import lv.sargs.gateway.audit.AuditUnavailableException;
import lv.sargs.gateway.http.ProblemException;
import lv.sargs.gateway.http.ProblemType;
import lv.sargs.gateway.config.TreasuryConfig;
import lv.sargs.gateway.http.Router;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.status.State;
import lv.sargs.gateway.status.StatusReporter;
import lv.sargs.gateway.treasury.ekase.EkaseAdapter;
import lv.sargs.gateway.treasury.ekase.EkaseMode;
import lv.sargs.gateway.treasury.ekase.EkaseSettings;
import lv.sargs.gateway.treasury.ekase.UpstreamEkaseAdapter;
import lv.sargs.gateway.treasury.xml.SafeXml;
import lv.sargs.gateway.treasury.xml.XmlLimits;
import lv.sargs.gateway.upstream.core.BreakerSettings;
import lv.sargs.gateway.upstream.core.ClientKey;
import lv.sargs.gateway.upstream.core.PoolSettings;
import lv.sargs.gateway.upstream.core.RetryPolicy;
import lv.sargs.gateway.upstream.UpstreamClient;
import lv.sargs.gateway.upstream.core.UpstreamException;
import lv.sargs.gateway.upstream.UpstreamRuntime;
import lv.sargs.gateway.upstream.core.UpstreamSettings;
import lv.sargs.gateway.upstream.core.UpstreamTls;
import lv.sargs.hsm.TokenException;

/**
 * Treasury payments and reports as a gateway capability: opens the encrypted payment store with a
 * key derived on the token, connects eKase through the gateway's upstream client (name
 * {@code ekase}) with the Treasury-issued client key on the token,
 * resumes unfinished payments, serves the five Treasury routes, reports {@code treasury} and
 * {@code upstream.ekase}, counts payments by state, and records each accepted, submitted and
 * finished payment in the gateway's audit trail (an accepted one synced before its 202).
 */
public final class TreasuryCapability implements Capability {

    /** The payment store's file in the data directory. */
    static final String STORE_FILE = "treasury.mv.db";
    private static final ZoneId RIGA = ZoneId.of("Europe/Riga");

    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);

    private final TreasuryService service;
    private final EkaseAdapter ekase;
    private final ExecutorService blocking;

    private TreasuryCapability(TreasuryService service, EkaseAdapter ekase, ExecutorService blocking) {
        this.service = service;
        this.ekase = ekase;
        this.blocking = blocking;
    }

    /** Starts the Treasury when the config has a {@code treasury} section; empty otherwise. */
    public static Optional<Capability> start(CapabilityContext c) throws StartupException {
        Optional<TreasuryConfig> section = c.config().treasury();
        if (section.isEmpty()) {
            c.status().register("treasury", false, State.OK, "not configured (no treasury section)");
            return Optional.empty();
        }
        TreasuryConfig config = section.get();
        StatusReporter reporter = c.status().register("treasury", true, State.FAILED, "starting");
        StatusReporter upstream = c.status().register("upstream.ekase", false, State.OK, "no call yet");
        char[] storeKey = c.storageKey("treasury.storageKeyLabel", config.storageKeyLabel(), "treasury");
        EkaseAdapter ekase = null;
        AuditTrail audit = c.audit();
        // DNS lookups and handshake tasks that sign on the token, off the event loops.
        ThreadPoolExecutor blocking = c.threads().pool("ekase-blocking", c.config().threads().ekase().threads(),
                c.config().threads().ekase().queue());
        try {
            XmlLimits limits = new XmlLimits(config.xml().maxBytes(), config.xml().maxDepth(),
                    config.xml().maxElements(), config.xml().maxAttributes());
            ekase = new ObservedEkase(adapter(c, config.ekase(), limits, blocking), upstream);
            TreasurySettings settings = new TreasurySettings(c.dataDirectory().resolve(STORE_FILE), storeKey,
                    new ModeMapping(config.viewRoles(), config.manageRoles()), config.pollInterval(), config.retryMin(),
                    config.retryMax(), limits, RIGA, config.requestThreads(), config.requestQueue());
            TreasuryService service = TreasuryService.start(settings, ekase, Clock.systemUTC(), PaymentSteps.NONE,
                    new Recorder(c.metrics(), audit));
            reporter.ok("payment store open; eKase user " + config.ekase().user() + " in " + config.ekase().mode()
                    + " mode");
            return Optional.of(new TreasuryCapability(service, ekase, blocking));
        } catch (UpstreamException e) {
            Capability.closeQuietly(ekase);
            blocking.shutdownNow();
            reporter.failed(e.getMessage());
            if (e.code() == UpstreamException.Code.CLIENT_KEY_FAILED) {
                throw new StartupException(StartupException.Code.TOKEN, "treasury.ekase.clientKey: "
                        + config.ekase().clientKeyLabel() + ": " + e.getMessage(), e);
            }
            throw new StartupException(StartupException.Code.STORES, "treasury.ekase: " + e.getMessage(), e);
        } catch (TokenException e) {
            Capability.closeQuietly(ekase);
            blocking.shutdownNow();
            reporter.failed(e.getMessage());
            throw new StartupException(StartupException.Code.TOKEN, "treasury.ekase.clientKey: "
                    + config.ekase().clientKeyLabel() + ": " + e.getMessage() + " [" + e.code() + "]", e);
        } catch (RuntimeException e) {
            Capability.closeQuietly(ekase);
            blocking.shutdownNow();
            reporter.failed(e.getMessage());
            throw new StartupException(StartupException.Code.STORES, "treasury: " + e.getMessage(), e);
        } finally {
            Arrays.fill(storeKey, '\0');
        }
    }

    private static EkaseAdapter adapter(CapabilityContext c, TreasuryConfig.Ekase e, XmlLimits limits,
                                        ExecutorService blocking) {
        List<X509Certificate> trusted = UpstreamTls.readCertificates(e.trustedCa());
        // The chain comes from the admin's PEM file as issued by the Treasury, not rebuilt by a key store.
        List<X509Certificate> chain = UpstreamTls.readCertificates(e.clientKeyChain());
        char[] password = e.password().read();
        try {
            EkaseSettings settings = new EkaseSettings(e.baseUri(), trusted, e.user(), password,
                    EkaseMode.valueOf(e.mode().name()), e.connectTimeout(), e.requestTimeout());
            UpstreamTls tls = new UpstreamTls(trusted, List.of(), new ClientKey(e.clientKeyLabel(), chain),
                    HANDSHAKE_TIMEOUT);
            // HTTP/1.1 only, as eKase speaks it; answers as large as the XML limits allow.
            PoolSettings pool = new PoolSettings(4, 100, e.connectTimeout(), Duration.ofSeconds(60),
                    Math.max(1024, Math.min(limits.maxBytes(), 64 * 1024 * 1024)), false);
            UpstreamSettings upstream = new UpstreamSettings("ekase", e.baseUri(), tls, pool,
                    BreakerSettings.defaults(), RetryPolicy.defaults());
            UpstreamClient client = UpstreamClient.create(upstream, c.token(),
                    new UpstreamRuntime(c.transport().workers(), c.transport().clientChannel(), blocking, c.metrics(),
                            c.serverDates()),
                    // upstream.ekase is reported by ObservedEkase, which also sees refused credentials;
                    // the client logs its own state changes.
                    state -> { });
            return new UpstreamEkaseAdapter(client, settings, new SafeXml(limits), Clock.systemUTC());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public String name() {
        return "treasury";
    }

    @Override
    public void addRoutes(Router.Builder routes) {
        TreasuryRoutes.register(routes, service);
    }

    /** Stops taking requests, lets the submitter's step in progress finish, closes the store and eKase. */
    @Override
    public void close() {
        try {
            service.close();
        } finally {
            Capability.closeQuietly(ekase);
            blocking.shutdownNow();
        }
    }



    /**
     * Counts each state a payment enters ({@code sargs_treasury_payments_total{state}}) and records
     * accepted, submitted and finished payments in the audit trail, synced: an accepted payment's
     * record is on the disk before its 202 leaves (a trail that cannot take it fails the request
     * with 503; the stored payment is then answered to the client's retry with the same key).
     * Runs on the thread that persisted the change, never an event loop.
     */
    static final class Recorder implements PaymentListener {

        private final Map<PaymentState, Metrics.Counter> entered = new EnumMap<>(PaymentState.class);
        private final AuditTrail audit;

        Recorder(Metrics metrics, AuditTrail audit) {
            this.audit = audit;
            for (PaymentState state : PaymentState.values()) {
                entered.put(state, metrics.counter("sargs_treasury_payments_total",
                        "Treasury payments that entered each state.", Metrics.label("state", state.name())));
            }
        }

        @Override
        public void persisted(Payment p) {
            List<StatusChange> history = p.history();
            PaymentState state = p.state();
            if (history.size() > 1 && history.get(history.size() - 2).state() == state) {
                return;
            }
            entered.get(state).increment();
            AuditEvent event = switch (state) {
                case STORED -> AuditEvent.PAYMENT_ACCEPTED;
                case SUBMITTED -> AuditEvent.PAYMENT_SUBMITTED;
                case SUBMITTING -> null;
                default -> AuditEvent.PAYMENT_STATUS;
            };
            if (event == null) {
                return;
            }
            StatusChange last = p.last();
            // Every state carries the request that submitted the payment: an investigator follows it from 202 to booking.
            AuditRecord record = AuditRecord.of(event).withRequest(p.requestId(), p.client()).withOutcome(state.name())
                    .with("payment", p.id()).with("idempotencyKey", p.idempotencyKey()).with("msgId", p.msgId())
                    .with("isoStatus", String.valueOf(last.isoStatus()))
                    .with("reason", String.valueOf(last.reasonCode()));
            try {
                audit.recordDurably(record);
            } catch (AuditUnavailableException e) {
                if (state == PaymentState.STORED) {
                    throw new ProblemException(ProblemType.AUDIT_UNAVAILABLE, "payment " + p.id()
                            + " is stored but could not be recorded in the audit trail; retry with the same"
                            + " Idempotency-Key.", e);
                }
                // The submitter must go on; the refusal raised the audit alarm and is counted.
            }
        }
    }
}
