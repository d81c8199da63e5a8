package lv.sargs.gateway.management;

import java.util.concurrent.CompletableFuture;
import lv.sargs.gateway.config.ReloadOutcome;

/** Reloads the gateway's config off the event loop ({@code POST /v1/config/reload}); completes with what happened. */
@FunctionalInterface
public interface ConfigReloader {

    /** A reloader that refuses every reload: for a management listener without a gateway behind it. */
    ConfigReloader NONE = () -> CompletableFuture.completedFuture(
            ReloadOutcome.refused("this listener cannot reload a config"));

    CompletableFuture<ReloadOutcome> reload();
}
