package lv.sargs.gateway.config;

/**
 * The population register (DAGR style): the endpoint, the registered client's id and secret, and
 * the permission number sent as {@code X-DAGR-Permission} (docs/protocols.md §2).
 */
public record FprUpstreamConfig(UpstreamEndpoint endpoint, String clientId, SecretSource clientSecret,
                                String permission) {
}
