package lv.sargs.gateway.lookup;

import java.util.Optional;
import java.util.Set;

/**
 * A state register Sargs can connect to, as a plug-in of the lookups capability: its name (its
 * config section {@code lookups.<name>}, its status component {@code upstream.<name>} and its
 * source label), the standard sections it answers, and — when its section is configured — its
 * connection: the parts that fill those sections and its change feed. A new register is one
 * package implementing this and one line in {@link Registers#ALL}.
 */
public interface Register {

    /** E.g. {@code viss}: the section under {@code lookups}, the upstream's name and the source label. */
    String name();

    /** What answers say when it is not connected, e.g. {@code State Revenue Service (VID)}. */
    String title();

    /** The config path of its section, {@code lookups.<name>}. */
    default String configSection() {
        return "lookups." + name();
    }

    /** The standard sections it answers when connected. */
    Set<StandardSection> answers();

    /**
     * Connects the register through {@code context} when its config section is present; empty
     * when it is not configured. Runs once at start-up, never on an event loop.
     */
    Optional<ConnectedRegister> connect(RegisterContext context);
}
