package lv.sargs.gateway;

import lv.sargs.gateway.audit.AuditEvent;
import lv.sargs.gateway.audit.AuditRecord;
import lv.sargs.gateway.audit.AuditTrail;
import lv.sargs.gateway.audit.AuditUnavailableException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import lv.sargs.gateway.config.ClientConfig;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.gateway.config.ReloadOutcome;
import lv.sargs.gateway.management.ConfigReloader;
import lv.sargs.gateway.status.StatusReporter;
import lv.sargs.gateway.threads.ThreadPools;
import org.tinylog.Logger;

/**
 * Config reloads (SIGHUP and {@code POST /v1/config/reload}), one at a time on a thread of their
 * own: the file and its drop-ins are validated whole, and only then are the new clients and
 * allow-list swapped in together (the clients on the management listener too); a refused reload changes nothing and is logged with every problem.
 */
final class Reloads implements ConfigReloader {

    private final Path file;
    private final ConfigLoader loader;
    private final StatusReporter configStatus;
    private final ExecutorService thread =
            Executors.newSingleThreadExecutor(ThreadPools.threadFactory("config-reload", true));
    private volatile GatewayConfig running;
    private volatile ClientService client;
    private volatile AuditTrail audit;
    private final List<Consumer<List<ClientConfig>>> clientFollowers = new CopyOnWriteArrayList<>();

    Reloads(Path file, ConfigLoader loader, GatewayConfig running, StatusReporter configStatus) {
        this.file = file;
        this.loader = loader;
        this.running = running;
        this.configStatus = configStatus;
    }

    /** The client listener whose admission a reload changes; reloads are refused until it is started. */
    void serve(ClientService started) {
        this.client = started;
    }

    /** Where each reload, applied or refused, is recorded as an admin action; none before it opens. */
    void audit(AuditTrail trail) {
        this.audit = trail;
    }

    /** The config in force: the loaded one, or the last reload applied. */
    GatewayConfig running() {
        return running;
    }

    /** The management listener's operator recognition, told each applied reload's clients. */
    @Override
    public void onClientsReloaded(Consumer<List<ClientConfig>> follower) {
        clientFollowers.add(follower);
    }

    /** A reload asked for on the management listener ({@code POST /v1/config/reload}). */
    @Override
    public CompletableFuture<ReloadOutcome> reload() {
        return reload("management API");
    }

    /** A reload asked for by {@code by} (e.g. {@code SIGHUP}), as recorded in the audit trail. */
    CompletableFuture<ReloadOutcome> reload(String by) {
        return CompletableFuture.supplyAsync(() -> reloadNow(by), thread);
    }

    private ReloadOutcome reloadNow(String by) {
        ClientService listener = client;
        ReloadOutcome outcome;
        if (listener == null) {
            outcome = ReloadOutcome.refused("the gateway is still starting or stopping; the running config is unchanged");
        } else {
            ConfigReload.Result checked = ConfigReload.check(running, file, loader);
            if (checked.refusal() != null) {
                outcome = checked.refusal();
            } else {
                outcome = apply(listener, checked.next());
            }
        }
        if (outcome.applied()) {
            Logger.info("config {}", outcome.message());
            configStatus.ok(outcome.message());
        } else {
            Logger.warn("config reload refused: {}", outcome.message());
            outcome.problems().forEach(p -> Logger.warn("  {}", p));
        }
        record(by, outcome);
        return outcome;
    }

    private ReloadOutcome apply(ClientService listener, GatewayConfig next) {
        int closed;
        try {
            closed = listener.admit(next.clientListener().allowList(), next.clients());
        } catch (UnsupportedOperationException e) {
            return ReloadOutcome.refused(e.getMessage() + "; the running config is unchanged");
        }
        // After the client listener took them: a reload it refused changes no other listener either.
        clientFollowers.forEach(f -> f.accept(next.clients()));
        running = next;
        return ReloadOutcome.applied("reloaded " + file + ": " + next.clients().size() + " client(s), "
                + next.clientListener().allowList().size() + " allow-list block(s); " + closed
                + " connection(s) no longer admitted were closed", next.clients().size(), closed);
    }

    private void record(String by, ReloadOutcome outcome) {
        AuditTrail trail = audit;
        if (trail == null) {
            Logger.warn("config reload by {} is NOT in the audit trail: it is not open", by);
            return;
        }
        try {
            // Synced before the answer, as every admin action: the reload is on record before anyone is told.
            trail.recordDurably(AuditRecord.of(AuditEvent.ADMIN_ACTION).withRequest(null, by)
                    .withOutcome(outcome.applied() ? "applied" : "refused").with("action", "config-reload")
                    .with("target", file.getFileName().toString()).with("message", outcome.message()));
        } catch (AuditUnavailableException e) {
            Logger.warn("config reload by {} is NOT in the audit trail: {}", by, e.getMessage());
        }
    }

    void close() {
        client = null;
        thread.shutdownNow();
    }
}
