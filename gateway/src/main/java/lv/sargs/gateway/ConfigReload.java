package lv.sargs.gateway;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import lv.sargs.gateway.config.ConfigException;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.gateway.config.ReloadOutcome;

/**
 * Validates a reloaded config against the running one: the whole file and its drop-ins must load,
 * and only the clients and the client listener's allow-list may differ — everything else needs a
 * restart, and a reload that would change it changes nothing.
 */
final class ConfigReload {

    private ConfigReload() {
    }

    /** The new config when it may be applied while running; otherwise the refusal. */
    static Result check(GatewayConfig running, Path file, ConfigLoader loader) {
        GatewayConfig next;
        try {
            next = loader.load(file);
        } catch (ConfigException e) {
            return new Result(null, ReloadOutcome.invalid(e));
        }
        Optional<String> restart = restartOnly(running, next);
        if (restart.isPresent()) {
            return new Result(null, ReloadOutcome.refused(file + ": " + restart.get() + " changed, which takes a restart"
                    + " (systemctl restart sargs); a reload applies clients and allow-lists only; the running config"
                    + " is unchanged"));
        }
        return new Result(next, null);
    }

    /** Either the config to apply or the refusal. */
    record Result(GatewayConfig next, ReloadOutcome refusal) {
    }

    private static Optional<String> restartOnly(GatewayConfig a, GatewayConfig b) {
        if (!a.clientListener().withAllowList(b.clientListener().allowList()).equals(b.clientListener())) {
            return Optional.of("listeners.client (other than its allowList)");
        }
        String[] names = {"listeners.management", "token", "dataDirectory", "shutdown", "lookups", "statistics",
                "treasury"};
        Object[] left = {a.managementListener(), a.token(), a.dataDirectory(), a.shutdownGrace(), a.lookups(),
                a.statistics(), a.treasury()};
        Object[] right = {b.managementListener(), b.token(), b.dataDirectory(), b.shutdownGrace(), b.lookups(),
                b.statistics(), b.treasury()};
        for (int i = 0; i < names.length; i++) {
            if (!Objects.equals(left[i], right[i])) {
                return Optional.of(names[i]);
            }
        }
        return Optional.empty();
    }
}
