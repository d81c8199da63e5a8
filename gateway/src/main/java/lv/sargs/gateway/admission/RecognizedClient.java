package lv.sargs.gateway.admission;

import java.net.InetAddress;
import java.util.Set;
import lv.sargs.gateway.config.ClientConfig;

/**
 * A declared client recognised on a connection by its certificate and admitted from its source:
 * what routes read to authorise and to log.
 *
 * @param name the declared client's name
 * @param roles its roles
 * @param purposes the purposes it may state
 * @param source the address it connected from
 * @param dailyFeeBudgetCents the register fees its lookups may cause per day, euro cents;
 *     {@link ClientConfig#NO_FEE_BUDGET} for no bound
 */
public record RecognizedClient(String name, Set<String> roles, Set<String> purposes, InetAddress source,
                               long dailyFeeBudgetCents) implements ClientVerdict {

    public RecognizedClient {
        roles = Set.copyOf(roles);
        purposes = Set.copyOf(purposes);
    }

    /** A recognised client without a fee budget. */
    public RecognizedClient(String name, Set<String> roles, Set<String> purposes, InetAddress source) {
        this(name, roles, purposes, source, ClientConfig.NO_FEE_BUDGET);
    }

    static RecognizedClient of(ClientConfig client, InetAddress source) {
        return new RecognizedClient(client.name(), client.roles(), client.purposes(), source,
                client.dailyFeeBudgetCents());
    }

    /** Whether the client holds {@code role}. */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
