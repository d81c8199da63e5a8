package lv.sargs.gateway.config;

import java.util.List;
import java.util.Set;

/**
 * A core system allowed to call the gateway: its name (for logs and audit), how its certificate
 * is recognised, the source blocks it may connect from, its roles, its allowed purposes and the
 * register fees its lookups may spend in one day.
 *
 * @param dailyFeeBudgetCents the register fees (euro cents) its lookups may cause per Europe/Riga
 *     calendar day; {@link #NO_FEE_BUDGET} for no bound
 */
public record ClientConfig(String name, ClientIdentity identity, List<Cidr> sources, Set<String> roles,
                           Set<String> purposes, long dailyFeeBudgetCents) {

    /** The {@link #dailyFeeBudgetCents} of a client without a fee budget. */
    public static final long NO_FEE_BUDGET = -1;

    public ClientConfig {
        sources = List.copyOf(sources);
        roles = Set.copyOf(roles);
        purposes = Set.copyOf(purposes);
    }

    /** A client without a fee budget. */
    public ClientConfig(String name, ClientIdentity identity, List<Cidr> sources, Set<String> roles,
                        Set<String> purposes) {
        this(name, identity, sources, roles, purposes, NO_FEE_BUDGET);
    }
}
