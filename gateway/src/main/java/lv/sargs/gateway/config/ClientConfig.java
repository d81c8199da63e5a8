package lv.sargs.gateway.config;

import java.util.List;
import java.util.Set;

/**
 * A core system allowed to call the gateway: its name (for logs and audit), how its certificate
 * is recognised, the source blocks it may connect from, its roles and its allowed purposes.
 */
public record ClientConfig(String name, ClientIdentity identity, List<Cidr> sources, Set<String> roles,
                           Set<String> purposes) {

    public ClientConfig {
        sources = List.copyOf(sources);
        roles = Set.copyOf(roles);
        purposes = Set.copyOf(purposes);
    }
}
