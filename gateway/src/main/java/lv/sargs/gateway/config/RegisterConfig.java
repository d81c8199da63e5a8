package lv.sargs.gateway.config;

/** One register's own section under {@code lookups} (e.g. {@code lookups.viss}): at least how to reach it. */
public interface RegisterConfig {

    /** The register's HTTPS endpoint, its trust and the client key on the token. */
    UpstreamEndpoint endpoint();
}
