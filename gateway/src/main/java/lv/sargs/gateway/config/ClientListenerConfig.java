package lv.sargs.gateway.config;

import java.util.List;

/**
 * The HTTPS endpoint the bank's core systems call: where it binds, which sources may connect
 * (empty admits nobody), its TLS, its limits, how long a request may take to arrive and how
 * many requests each client may send, and how large a body each class of route takes.
 */
public record ClientListenerConfig(Endpoint bind, List<Cidr> allowList, ServerTls tls, Limits limits,
                                   RequestDeadlines deadlines, ClientRateLimit rateLimit, BodyLimits bodyLimits) {

    public ClientListenerConfig {
        allowList = List.copyOf(allowList);
    }

    /** With the default {@link BodyLimits} under {@code limits.maxBodySize}. */
    public ClientListenerConfig(Endpoint bind, List<Cidr> allowList, ServerTls tls, Limits limits,
                                RequestDeadlines deadlines, ClientRateLimit rateLimit) {
        this(bind, allowList, tls, limits, deadlines, rateLimit, BodyLimits.defaults(limits.maxBodyBytes()));
    }

    /** With the default {@link RequestDeadlines} and {@link ClientRateLimit}. */
    public ClientListenerConfig(Endpoint bind, List<Cidr> allowList, ServerTls tls, Limits limits) {
        this(bind, allowList, tls, limits, RequestDeadlines.DEFAULTS, ClientRateLimit.DEFAULTS);
    }

    /** This listener with another allow-list (widened by client drop-ins at load). */
    public ClientListenerConfig withAllowList(List<Cidr> value) {
        return new ClientListenerConfig(bind, value, tls, limits, deadlines, rateLimit, bodyLimits);
    }
}
