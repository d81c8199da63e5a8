package lv.sargs.gateway;

import org.tinylog.Logger;
import sun.misc.Signal;

/**
 * SIGHUP ({@code systemctl reload sargs}) reloads the config and its client drop-ins; the outcome
 * is logged by the reload itself. The JDK offers signals only through {@code sun.misc.Signal}
 * (module jdk.unsupported, which Netty needs too).
 */
final class ReloadSignal {

    private ReloadSignal() {
    }

    static void install(Gateway gateway) {
        try {
            // The handler only queues the reload: it runs on the reload thread, never on the signal thread.
            Signal.handle(new Signal("HUP"), s -> gateway.reload());
        } catch (IllegalArgumentException e) {
            Logger.warn("SIGHUP cannot be handled on this system ({}); reload with POST /v1/config/reload",
                    e.getMessage());
        }
    }
}
