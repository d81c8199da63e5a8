package lv.sargs.gateway.treasury;

import java.util.Set;

/**
 * The recognised client a Treasury request comes from, as admission established it.
 *
 * @param name the declared client's name; payments are visible to this client only
 * @param roles its roles, mapped to a {@link ClientMode} by {@link ModeMapping}
 * @param requestId the id of the client's request (the audit records of what it causes carry it), or null
 */
public record Caller(String name, Set<String> roles, String requestId) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    /** A caller in this process, without a client request behind it (its payments' records carry none). */
    public Caller(String name, Set<String> roles) {
        this(name, roles, null);
    }
}
