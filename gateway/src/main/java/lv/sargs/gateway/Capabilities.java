package lv.sargs.gateway;

import lv.sargs.gateway.capability.StartupException;
import lv.sargs.gateway.capability.CapabilityContext;
import lv.sargs.gateway.capability.Capability;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The capabilities a gateway starts, in order; each one a line, absent when its config section is. */
final class Capabilities {

    /** Starts one capability, or none when the config does not ask for it. */
    @FunctionalInterface
    interface Starter {
        Optional<Capability> start(CapabilityContext context) throws StartupException;
    }

    private static final List<Starter> ALL = List.of(
            lv.sargs.gateway.treasury.TreasuryCapability::start,
            lv.sargs.gateway.lookup.LookupsCapability::start,
            lv.sargs.gateway.statistics.StatisticsCapability::start);

    private Capabilities() {
    }

    /**
     * Starts every configured capability; on failure closes those already started and rethrows.
     */
    static List<Capability> startAll(CapabilityContext context) throws StartupException {
        List<Capability> started = new ArrayList<>();
        try {
            for (Starter starter : ALL) {
                starter.start(context).ifPresent(started::add);
            }
            return started;
        } catch (RuntimeException e) { // StartupException included
            closeAll(started);
            throw e;
        }
    }

    /** Closes in reverse start order; one failure does not stop the others. */
    static void closeAll(List<Capability> capabilities) {
        for (int i = capabilities.size() - 1; i >= 0; i--) {
            Capability c = capabilities.get(i);
            try {
                c.close();
            } catch (RuntimeException e) {
                org.tinylog.Logger.warn("closing {} failed: {}", c.name(), e.toString());
            }
        }
    }
}
