package lv.sargs.gateway.config;

import java.util.List;
import java.util.Optional;

/**
 * The operators' endpoint (health, readiness, status, metrics): plain HTTP only on loopback,
 * TLS otherwise; its own allow-list (empty admits nobody).
 */
public record ManagementListenerConfig(Endpoint bind, List<Cidr> allowList, Optional<ServerTls> tls) {

    public ManagementListenerConfig {
        allowList = List.copyOf(allowList);
    }
}
