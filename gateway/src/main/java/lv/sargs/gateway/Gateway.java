package lv.sargs.gateway;

import lv.sargs.gateway.capability.Transport;
import lv.sargs.gateway.capability.StartupException;
import lv.sargs.gateway.capability.CapabilityContext;
import lv.sargs.gateway.capability.Capability;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import lv.sargs.gateway.admission.DeclaredClients;
import lv.sargs.gateway.alarm.AlarmDetectors;
import lv.sargs.gateway.alarm.AlarmMetrics;
import lv.sargs.gateway.alarm.AlarmModel;
import lv.sargs.gateway.alarm.ClockSkew;
import lv.sargs.gateway.audit.AuditTrail;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.gateway.audit.AuditEvent;
import lv.sargs.gateway.backup.DataSnapshot;
import lv.sargs.gateway.audit.AuditRecord;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.gateway.config.ReloadOutcome;
import lv.sargs.gateway.led.StatusLights;
import lv.sargs.gateway.config.ServerTls;
import lv.sargs.gateway.config.TokenConfig;
import lv.sargs.gateway.management.ManagementServer;
import lv.sargs.gateway.risk.RiskMonitor;
import lv.sargs.gateway.management.ManagementTls;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.status.State;
import lv.sargs.gateway.status.StatusLog;
import lv.sargs.gateway.status.StatusMetrics;
import lv.sargs.gateway.status.StatusModel;
import lv.sargs.gateway.status.StatusReporter;
import lv.sargs.gateway.threads.ThreadPools;
import lv.sargs.gateway.tls.PemCertificates;
import lv.sargs.gateway.tls.TlsSetupException;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.TokenHealth;
import lv.sargs.hsm.tokens.Tokens;
import org.tinylog.Logger;

/**
 * One running gateway: started from a validated config and an open token, in the order that lets
 * operators watch it come up (status, stores, token checks, management listener, client
 * listener), and stopped in reverse with in-flight client requests given {@code shutdown.grace}.
 */
public final class Gateway {

    /** Status component names; stable, the console and alerts use them. */
    public static final String CONFIG = "config";
    public static final String TOKEN = "token";
    public static final String STORES = "stores";
    public static final String CLIENT_LISTENER = "listener.client";
    public static final String MANAGEMENT_LISTENER = "listener.management";

    private final GatewayConfig config;
    private final Reloads reloads;
    private final StatusModel status;
    private final Metrics metrics;
    private final Token token;
    private final Transport transport;
    private final DataDirectory data;
    private final ManagementServer management;
    private final ClientService client;
    private final StatusReporter clientStatus;
    private final StatusLog log;
    private final List<Capability> capabilities;
    private final AlarmModel alarms;
    private final AlarmDetectors detectors;
    private final Optional<StatusLights> lights;
    private final OperatorActions desk;
    private final AuditTrail audit;
    private final RiskMonitor risk;
    private boolean stopped;

    private Gateway(GatewayConfig config, Reloads reloads, StatusModel status, Metrics metrics, Token token, Transport transport,
                    DataDirectory data, ManagementServer management, ClientService client, StatusReporter clientStatus,
                    StatusLog log, List<Capability> capabilities, AlarmModel alarms, AlarmDetectors detectors,
                    Optional<StatusLights> lights, OperatorActions desk, AuditTrail audit, RiskMonitor risk) {
        this.capabilities = capabilities;
        this.alarms = alarms;
        this.detectors = detectors;
        this.lights = lights;
        this.desk = desk;
        this.audit = audit;
        this.risk = risk;
        this.config = config;
        this.reloads = reloads;
        this.status = status;
        this.metrics = metrics;
        this.token = token;
        this.transport = transport;
        this.data = data;
        this.management = management;
        this.client = client;
        this.clientStatus = clientStatus;
        this.log = log;
    }

    /**
     * Opens the configured token: {@code Tokens.open} for PKCS#11 (logs in, may prompt for the PIN),
     * {@code Tokens.demo()} for the demo token.
     */
    public static Token openToken(TokenConfig config) throws StartupException {
        try {
            if (config instanceof TokenConfig.Pkcs11 p) {
                return Tokens.open(p.settings());
            }
            return Tokens.demo();
        } catch (TokenException e) {
            // The message names the token and never the PIN (the Token contract).
            throw new StartupException(StartupException.Code.TOKEN, e.getMessage() + " [" + e.code() + "]", e);
        }
    }

    /** Starts the gateway with the production client listener; see {@link #start(GatewayConfig, String, Token, ClientService.Starter)}. */
    public static Gateway start(GatewayConfig config, String configSource, Token token) throws StartupException {
        return start(config, configSource, token, ClientListenerWiring::start);
    }

    /**
     * Starts the gateway; on failure stops whatever had started, closes the token and throws.
     *
     * @param configSource where the config came from, for the status model and logs
     * @param token the open token; the gateway owns it from here and closes it on stop
     * @param clients starts the client listener
     */
    public static Gateway start(GatewayConfig config, String configSource, Token token, ClientService.Starter clients)
            throws StartupException {
        StartPhases phases = new StartPhases();
        StatusModel status = new StatusModel(Clock.systemUTC());
        StatusLog log = new StatusLog();
        status.addListener(log);
        Metrics metrics = new Metrics();
        StatusMetrics.register(status, metrics);
        AlarmModel alarms = new AlarmModel(Clock.systemUTC());
        AlarmMetrics.register(alarms, metrics);
        ClockSkew clockSkew = new ClockSkew(config.operator().alarms().clockSkew(), Clock.systemUTC(), alarms, metrics);
        Logger.info("alarms: certificates warn {} and are critical {} before expiry; upstreams after {} out; data"
                + " directory below {} MiB free; clock skew over {} s", config.operator().alarms().certificateWarning(),
                config.operator().alarms().certificateCritical(), config.operator().alarms().upstreamUnavailable(),
                config.operator().alarms().dataDirectoryMinFree() >> 20, config.operator().alarms().clockSkew().toSeconds());
        StatusReporter configStatus = status.register(CONFIG, true, State.OK, "loaded " + configSource);
        // Reloads read the file the config came from (with its drop-ins) the way Main loaded it.
        Reloads reloads = new Reloads(Path.of(configSource), ConfigLoader.system(), config, configStatus);
        StatusReporter tokenStatus = status.register(TOKEN, true, State.FAILED, "not checked yet");
        StatusReporter stores = status.register(STORES, true, State.FAILED, "not open yet");
        StatusReporter managementStatus = status.register(MANAGEMENT_LISTENER, false, State.FAILED, "not started");
        StatusReporter clientStatus = status.register(CLIENT_LISTENER, true, State.FAILED, "not started");

        Deque<Resource> started = new ArrayDeque<>();
        started.push(new Resource("token", token::close));
        try {
            DataDirectory data = DataDirectory.open(config.dataDirectory());
            started.push(new Resource("data directory", data::close));
            stores.ok("data directory " + data.path() + " locked");
            OperatorActions desk = new OperatorActions(token);
            started.push(new Resource("operator actions", desk::close));

            phases.done("data directory");
            watchToken(token, tokenStatus);
            requireKey(token, "listeners.client.tls", config.clientListener().tls());
            Optional<ServerTls> managementTls = config.managementListener().tls();
            if (managementTls.isPresent()) {
                requireKey(token, "listeners.management.tls", managementTls.get());
            }

            phases.done("token keys checked");
            ThreadPools pools = new ThreadPools(metrics);
            started.push(new Resource("thread pools", pools::close));
            Transport transport = Transport.create(pools, config.threads().eventLoops());
            started.push(new Resource("event loops", transport::close));
            ManagementServer management = startManagement(config, token, transport, status, metrics, alarms, desk,
                    reloads);
            started.push(new Resource("management listener", management::close));
            managementStatus.ok("listening on " + management.address());
            phases.done("event loops and management listener");

            AuditTrail audit = AuditOpening.open(config, token, data.path(), status);
            started.push(new Resource("audit trail", audit::close));
            desk.audit(audit);
            reloads.audit(audit);
            management.snapshots(new DataSnapshot(data.path(), () -> audit, Clock.systemUTC()));
            audit.record(AuditRecord.of(AuditEvent.CONFIG_LOADED).with("source", configSource));
            phases.done("audit trail");
            RiskMonitor risk = RiskOpening.start(config, data.path(), status, metrics, audit, management);
            started.push(new Resource("risk register", risk::close));
            phases.done("risk register");
            List<Capability> capabilities = Capabilities.startAll(
                    new CapabilityContext(config, token, transport, pools, status, metrics, data.path(), audit,
                            alarms, clockSkew));
            started.push(new Resource("capabilities", () -> Capabilities.closeAll(capabilities)));
            desk.capabilities(capabilities);
            phases.done("capabilities");

            ClientService client = clients.start(new ClientService.Context(config, token, transport, pools, status, metrics,
                    capabilities, audit));
            if (client.tlsProvider().fallback()) {
                // OPENSSL asked for (or the default) but not loadable: serving, and saying so where the admin looks.
                clientStatus.degraded("listening on " + client.address() + ", TLS " + client.tlsProvider());
            } else {
                clientStatus.ok("listening on " + client.address() + ", TLS " + client.tlsProvider());
            }
            reloads.serve(client);
            phases.done("client listener");
            Logger.info("gateway started on {}: client listener {}, management listener {}", transport.name(),
                    client.address(), management.address());
            Logger.info("client routes: {}", String.join(", ", ClientListenerWiring.routes(capabilities).describe()));
            // Last: components start FAILED ("not started"), which is no alarm.
            AlarmDetectors detectors = AlarmDetectors.start(config, status, alarms, metrics, Clock.systemUTC());
            started.push(new Resource("alarm detectors", detectors::close));
            Optional<StatusLights> lights = StatusLights.start(config.operator().leds(), com.pi4j.Pi4J::newAutoContext,
                    status, alarms, clientResponses(metrics), Clock.systemUTC());
            phases.done("alarm detectors and status lights");
            return new Gateway(config, reloads, status, metrics, token, transport, data, management, client, clientStatus,
                    log, capabilities, alarms, detectors, lights, desk, audit, risk);
        } catch (RuntimeException e) { // StartupException included
            reloads.close();
            closeAll(started);
            throw e;
        }
    }

    /** The client listener's routes as {@code METHOD template}, e.g. {@code GET /v1/companies/{regNo}}. */
    public List<String> routes() {
        return ClientListenerWiring.routes(capabilities).describe();
    }

    /**
     * Reloads the config file and its client drop-ins: validated whole, then the clients and the
     * client allow-list are swapped in together, connections no longer admitted are closed and the
     * others kept; anything else changed, or any problem, refuses the reload and changes nothing.
     * Runs on the reload thread; completes with what happened (also logged, and recorded in the
     * audit trail as an admin action by {@code SIGHUP}, the signal calling this).
     */
    public CompletableFuture<ReloadOutcome> reload() {
        return reloads.reload("SIGHUP");
    }

    /** The config in force: as started, or as last reloaded. */
    public GatewayConfig config() {
        return reloads.running();
    }

    /** The status model every component reports into. */
    public StatusModel status() {
        return status;
    }

    /** The status LEDs being driven; empty on a box without them. */
    public Optional<StatusLights> lights() {
        return lights;
    }

    /** The open alarms. */
    public AlarmModel alarms() {
        return alarms;
    }

    /** The metrics registry {@code /metrics} renders. */
    public Metrics metrics() {
        return metrics;
    }

    public InetSocketAddress clientAddress() {
        return client.address();
    }

    public InetSocketAddress managementAddress() {
        return management.address();
    }

    /**
     * Stops gracefully: readiness drops at once (load balancers stop sending), the client listener
     * stops accepting and lets in-flight requests finish within {@code shutdown.grace}, then the
     * management listener, the stores and the token are closed. Idempotent; blocks the caller.
     *
     * @return whether every in-flight request finished within the grace period
     */
    public synchronized boolean stop() {
        if (stopped) {
            return true;
        }
        stopped = true;
        Duration grace = config.shutdownGrace();
        Logger.info("gateway stopping: finishing in-flight requests within {} ms", grace.toMillis());
        log.shuttingDown();
        detectors.close();
        lights.ifPresent(StatusLights::close);
        clientStatus.failed("shutting down: not accepting, finishing in-flight requests");
        reloads.close();
        boolean drained = client.shutdown(grace);
        management.stopAccepting();
        try {
            management.awaitIdle(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Deque<Resource> rest = new ArrayDeque<>();
        rest.add(new Resource("management listener", management::close));
        rest.add(new Resource("capabilities", () -> Capabilities.closeAll(capabilities)));
        rest.add(new Resource("operator actions", desk::close));
        // After the capabilities (their last records) and before the token (the stop checkpoint signs on it).
        rest.add(new Resource("risk register", risk::close));
        rest.add(new Resource("audit trail", audit::close));
        rest.add(new Resource("event loops", transport::close));
        rest.add(new Resource("data directory", data::close));
        rest.add(new Resource("token", token::close));
        closeAll(rest);
        Logger.info("gateway stopped{}", drained ? "" : " (some requests were cut off at the grace period)");
        return drained;
    }

    /** Client responses answered so far: what the activity light flashes for. */
    private static java.util.function.LongSupplier clientResponses(Metrics metrics) {
        Metrics.Counter[] classes = new Metrics.Counter[5];
        for (int c = 1; c <= 5; c++) {
            classes[c - 1] = metrics.counter("sargs_http_responses_total", "HTTP responses, by listener and status class.",
                    "listener=\"" + lv.sargs.gateway.listener.ClientListener.NAME + "\",class=\"" + c + "xx\"");
        }
        return () -> {
            long sum = 0;
            for (Metrics.Counter counter : classes) {
                sum += counter.get();
            }
            return sum;
        };
    }

    private static void watchToken(Token token, StatusReporter reporter) {
        report(token, reporter, token.health());
        token.onHealthChange(h -> report(token, reporter, h));
        if (!token.forProduction()) {
            Logger.warn("NOT FOR PRODUCTION: {} keeps its keys in memory; never let it serve a bank", token.name());
        }
    }

    private static void report(Token token, StatusReporter reporter, TokenHealth health) {
        String reason = token.name() + ": " + health.reason();
        if (!health.usable()) {
            reporter.failed(reason);
        } else if (!token.forProduction()) {
            // A gateway on the demo token works, but must never look fit for production.
            reporter.degraded(reason.contains("NOT FOR PRODUCTION") ? reason : reason + " (NOT FOR PRODUCTION)");
        } else {
            reporter.ok(reason);
        }
    }

    private static void requireKey(Token token, String path, ServerTls tls) throws StartupException {
        boolean present = token.listKeys().stream().anyMatch(k -> k.label().equals(tls.keyLabel()));
        if (!present) {
            throw new StartupException(StartupException.Code.TOKEN, path + ".keyLabel: " + tls.keyLabel()
                    + " (expected: a key with this label on " + token.name() + ")", null);
        }
    }

    private static ManagementServer startManagement(GatewayConfig config, Token token, Transport transport,
                                                    StatusModel status, Metrics metrics, AlarmModel alarms,
                                                    OperatorActions desk, Reloads reloads) throws StartupException {
        try {
            SslContext ssl = null;
            Optional<ServerTls> tls = config.managementListener().tls();
            if (tls.isPresent()) {
                List<X509Certificate> chain = PemCertificates.read("listeners.management.tls.certificateChain",
                        tls.get().certificateChain());
                ssl = ManagementTls.forServer(tls.get(), token.keyManager(tls.get().keyLabel(), chain));
            }
            return ManagementServer.start(config.managementListener(), transport, status, metrics, alarms, desk,
                    new DeclaredClients(config.clients()), ssl, reloads);
        } catch (IOException | TlsSetupException e) {
            throw new StartupException(StartupException.Code.LISTENER, e.getMessage(), e);
        }
    }

    /** Something started that must be closed again, named for the log. */
    private record Resource(String name, java.io.Closeable closer) {
    }

    private static void closeAll(Deque<Resource> resources) {
        while (!resources.isEmpty()) {
            Resource r = resources.pop();
            try {
                r.closer().close();
            } catch (IOException | RuntimeException e) {
                // Keep closing the rest: one failed close must not leave the token or a port open.
                Logger.warn("closing the {} failed: {}", r.name(), e.toString());
            }
        }
    }
}
