package lv.sargs.gateway.lookup.viss;

import java.time.Duration;
import java.util.Objects;
import lv.sargs.gateway.upstream.oauth.OAuthSettings;

/**
 * What the VISS client needs beyond the upstream: the consumer key and secret from the developer
 * portal with the token endpoint ({@code oauth}), the assertion audience (exact, case-sensitive)
 * and the assertion lifetime ({@code exp - iat}, 300–600 s).
 *
 * @param oauth client id (consumer key), secret, token path (e.g. {@code /token}), refresh margin
 * @param audience the assertion's {@code aud}, e.g. {@code https://ha.viss.gov.lv/STS/VISS.Pfas.STS/oauth2/token}
 * @param assertionLifetime 300–600 s
 */
public record VissSettings(OAuthSettings oauth, String audience, Duration assertionLifetime) {

    public VissSettings {
        Objects.requireNonNull(oauth, "oauth");
        if (audience == null || !audience.startsWith("https://")) {
            throw new IllegalArgumentException("viss.audience: " + audience + " (expected: the token endpoint's https URL)");
        }
        if (assertionLifetime == null || assertionLifetime.toSeconds() < 300 || assertionLifetime.toSeconds() > 600) {
            throw new IllegalArgumentException("viss.assertionLifetime: " + assertionLifetime + " (expected: PT5M to PT10M)");
        }
    }
}
