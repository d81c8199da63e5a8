package lv.sargs.gateway;

import java.util.concurrent.atomic.AtomicReference;
import org.tinylog.Logger;
import sun.misc.Signal;

/**
 * SIGHUP ({@code systemctl reload sargs}) reloads the config and its client drop-ins; the outcome
 * is logged by the reload itself. Installed before the gateway starts, so that an early SIGHUP is
 * ignored with a line in the log instead of ending the process (the JVM's default for SIGHUP).
 * The JDK offers signals only through {@code sun.misc.Signal} (module jdk.unsupported, which Netty
 * needs too).
 */
final class ReloadSignal {

    private final AtomicReference<Gateway> gateway = new AtomicReference<>();

    private ReloadSignal() {
    }

    static ReloadSignal install() {
        ReloadSignal signal = new ReloadSignal();
        try {
            // The handler only queues the reload: it runs on the reload thread, never on the signal thread.
            Signal.handle(new Signal("HUP"), s -> signal.reload());
        } catch (IllegalArgumentException e) {
            Logger.warn("SIGHUP cannot be handled on this system ({}); reload with POST /v1/config/reload",
                    e.getMessage());
        }
        return signal;
    }

    /** From now on SIGHUP reloads {@code started}. */
    void serve(Gateway started) {
        gateway.set(started);
        Logger.info("SIGHUP (systemctl reload sargs) reloads clients and allow-lists");
    }

    private void reload() {
        Gateway g = gateway.get();
        if (g == null) {
            Logger.warn("SIGHUP ignored: the gateway is still starting");
        } else {
            g.reload();
        }
    }
}
