package lv.sargs.gateway.lookup;

import java.util.Map;
import java.util.Optional;
import lv.sargs.gateway.watch.ChangeSource;

/**
 * A register connected per its config: the part that fills each section it answers (one part may
 * fill several, e.g. the same taxpayer record for a company and a person), and its change feed
 * when it has one.
 *
 * @param parts by section; every key is one of the register's {@link Register#answers()}
 * @param changeFeed the feed the watchlist follows; empty for a register without one
 */
public record ConnectedRegister(Map<StandardSection, RegisterPart> parts, Optional<ChangeSource> changeFeed) {

    public ConnectedRegister {
        parts = Map.copyOf(parts);
    }
}
