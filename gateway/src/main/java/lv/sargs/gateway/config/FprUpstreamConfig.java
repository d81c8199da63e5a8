package lv.sargs.gateway.config;

import java.util.Map;

/**
 * The population register (DAGR style), {@code lookups.fpr}: the endpoint, the registered client's
 * id and secret, and the permission number sent as {@code X-DAGR-Permission} (docs/protocols.md §2).
 */
public record FprUpstreamConfig(UpstreamEndpoint endpoint, String clientId, SecretSource clientSecret,
                                String permission) implements RegisterConfig {

    /** Reads {@code lookups.fpr}; null when it has problems (recorded on {@code s}). */
    static FprUpstreamConfig read(Section s, Map<String, String> environment) {
        int before = s.problemsCount();
        UpstreamEndpoint endpoint = LookupsReader.endpoint(s);
        String clientId = s.required("clientId", "the registered client's id").flatMap(Node::text).orElse(null);
        SecretSource secret = s.required("clientSecret", "file: <path> or env: <VARIABLE>").flatMap(Node::section)
                .map(c -> LookupsReader.secret(c, environment)).orElse(null);
        String permission = s.required("permission", "the DAGR permission number, sent as X-DAGR-Permission")
                .flatMap(Node::text).orElse(null);
        s.end();
        return s.problemsCount() > before ? null : new FprUpstreamConfig(endpoint, clientId, secret, permission);
    }
}
