package lv.sargs.gateway.lookup;

import lv.sargs.gateway.config.LookupsConfig;
import lv.sargs.gateway.config.SecretSource;
import lv.sargs.gateway.config.UpstreamEndpoint;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.upstream.UpstreamClient;
import lv.sargs.gateway.upstream.oauth.OAuthSettings;
import lv.sargs.hsm.Token;

/**
 * What one register is given to connect: the {@code lookups} config (its own section in it), its
 * client over the gateway's upstream machinery, client credentials wiped on close, and its parts' fees.
 */
public interface RegisterContext {

    /** The whole {@code lookups} section; a register reads its own with {@link LookupsConfig#register}. */
    LookupsConfig config();

    /** The token the client keys are on. */
    Token token();

    /** The gateway's metrics registry. */
    Metrics metrics();

    /**
     * The register's upstream client over {@code endpoint}: mutual TLS with the client key on the
     * token, pooled connections, deadlines, retries, a circuit breaker, metrics, and its state as
     * status component {@code upstream.<name>}; closed with the lookups capability.
     */
    UpstreamClient upstream(UpstreamEndpoint endpoint);

    /**
     * A client-credentials registration at the upstream's {@code /token} with the secret read from
     * {@code secret}, each token replaced a minute before it expires; the secret is wiped on close.
     */
    OAuthSettings clientCredentials(String clientId, SecretSource secret);

    /**
     * Records one signature by the token's key {@code keyLabel} for {@code purpose} (not TLS, e.g.
     * a JWT client assertion) in the audit trail, aggregated per key; never blocks.
     */
    void keyUsed(String keyLabel, String purpose);

    /** The configured fee of one call for {@code key}, in euro cents. */
    long feeCents(PartKey key);
}
