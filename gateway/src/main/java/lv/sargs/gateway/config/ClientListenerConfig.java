package lv.sargs.gateway.config;

import java.util.List;

/**
 * The HTTPS endpoint the bank's core systems call: where it binds, which sources may connect
 * (empty admits nobody), its TLS and its limits.
 */
public record ClientListenerConfig(Endpoint bind, List<Cidr> allowList, ServerTls tls, Limits limits) {

    public ClientListenerConfig {
        allowList = List.copyOf(allowList);
    }

    public ClientListenerConfig withAllowList(List<Cidr> value) {
        return new ClientListenerConfig(bind, value, tls, limits);
    }
}
