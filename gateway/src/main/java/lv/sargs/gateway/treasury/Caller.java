package lv.sargs.gateway.treasury;

import java.util.Set;

/**
 * The recognised client a Treasury request comes from, as admission established it.
 *
 * @param name the declared client's name; payments are visible to this client only
 * @param roles its roles, mapped to a {@link ClientMode} by {@link ModeMapping}
 */
public record Caller(String name, Set<String> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }
}
