package lv.sargs.gateway.config;

import java.time.Duration;

/**
 * VISS API Pārvaldnieks: the endpoint, the consumer key and secret from the developer portal, and
 * the JWT client assertion's audience and lifetime (docs/protocols.md §1).
 */
public record VissUpstreamConfig(UpstreamEndpoint endpoint, String clientId, SecretSource clientSecret,
                                 String audience, Duration assertionLifetime) {
}
