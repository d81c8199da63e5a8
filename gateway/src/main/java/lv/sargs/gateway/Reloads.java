package lv.sargs.gateway;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * allow-list swapped in together; a refused reload changes nothing and is logged with every problem.
 */
final class Reloads implements ConfigReloader {

    private final Path file;
    private final ConfigLoader loader;
    private final StatusReporter configStatus;
    private final ExecutorService thread =
            Executors.newSingleThreadExecutor(ThreadPools.threadFactory("config-reload", true));
    private volatile GatewayConfig running;
    private volatile ClientService client;

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

    /** The config in force: the loaded one, or the last reload applied. */
    GatewayConfig running() {
        return running;
    }

    @Override
    public CompletableFuture<ReloadOutcome> reload() {
        return CompletableFuture.supplyAsync(this::reloadNow, thread);
    }

    private ReloadOutcome reloadNow() {
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
        return outcome;
    }

    private ReloadOutcome apply(ClientService listener, GatewayConfig next) {
        int closed;
        try {
            closed = listener.admit(next.clientListener().allowList(), next.clients());
        } catch (UnsupportedOperationException e) {
            return ReloadOutcome.refused(e.getMessage() + "; the running config is unchanged");
        }
        running = next;
        return ReloadOutcome.applied("reloaded " + file + ": " + next.clients().size() + " client(s), "
                + next.clientListener().allowList().size() + " allow-list block(s); " + closed
                + " connection(s) no longer admitted were closed", next.clients().size(), closed);
    }

    void close() {
        client = null;
        thread.shutdownNow();
    }
}
