package lv.sargs.gateway.config;

import java.time.Duration;
import java.util.Map;

/**
 * VISS API Pārvaldnieks, {@code lookups.viss}: the endpoint, the consumer key and secret from the
 * developer portal, and the JWT client assertion's audience and lifetime (docs/protocols.md §1).
 */
public record VissUpstreamConfig(UpstreamEndpoint endpoint, String clientId, SecretSource clientSecret,
                                 String audience, Duration assertionLifetime) implements RegisterConfig {

    /** Reads {@code lookups.viss}; null when it has problems (recorded on {@code s}). */
    static VissUpstreamConfig read(Section s, Map<String, String> environment) {
        int before = s.problemsCount();
        UpstreamEndpoint endpoint = LookupsReader.endpoint(s);
        String clientId = s.required("clientId", "the consumer key from the VISS developer portal")
                .flatMap(Node::text).orElse(null);
        SecretSource secret = s.required("clientSecret", "file: <path> or env: <VARIABLE>").flatMap(Node::section)
                .map(c -> LookupsReader.secret(c, environment)).orElse(null);
        String audience = s.required("audience",
                        "the token endpoint as VISS expects it in aud, e.g. https://ha.viss.gov.lv/STS/VISS.Pfas.STS/oauth2/token")
                .flatMap(Node::text).orElse(null);
        Duration lifetime = LookupsReader.duration(s, "assertionLifetime", "300s to 600s", Duration.ofSeconds(300),
                Duration.ofSeconds(600));
        s.end();
        return s.problemsCount() > before ? null
                : new VissUpstreamConfig(endpoint, clientId, secret, audience, lifetime);
    }
}
