package lv.sargs.gateway.management;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import lv.sargs.gateway.config.ClientConfig;
import lv.sargs.gateway.config.ReloadOutcome;

/** Reloads the gateway's config off the event loop ({@code POST /v1/config/reload}); completes with what happened. */
@FunctionalInterface
public interface ConfigReloader {

    /** A reloader that refuses every reload: for a management listener without a gateway behind it. */
    ConfigReloader NONE = () -> CompletableFuture.completedFuture(
            ReloadOutcome.refused("this listener cannot reload a config"));

    CompletableFuture<ReloadOutcome> reload();

    /**
     * Tells {@code follower} the declared clients of every reload applied from now on, right after the
     * client listener admits them, so the management listener recognises the same operators. A reloader
     * that never applies a reload (as {@link #NONE}) has nothing to tell.
     */
    default void onClientsReloaded(Consumer<List<ClientConfig>> follower) {
    }
}
