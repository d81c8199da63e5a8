package lv.sargs.gateway.upstream.viss;

import java.time.Duration;
import java.util.Objects;

/**
 * What the VISS token client needs beyond the upstream: the consumer key and secret from the
 * developer portal, the assertion audience (exact, case-sensitive), the assertion lifetime
 * (300–600 s), how long before expiry a token is refreshed, and the token endpoint path. The
 * secret is a {@code char[]} that {@link #toString()} never prints; {@link #wipe()} zeroes it.
 *
 * @param clientId the consumer key; {@code iss} and {@code sub} of the assertion
 * @param clientSecret the consumer secret
 * @param audience the assertion's {@code aud}, e.g. {@code https://ha.viss.gov.lv/STS/VISS.Pfas.STS/oauth2/token}
 * @param assertionLifetime {@code exp - iat}, 300–600 s
 * @param refreshMargin a token is replaced this long before {@code expires_in} runs out
 * @param tokenPath the token endpoint's path under the upstream's base URI, e.g. {@code /token}
 */
public record VissSettings(String clientId, char[] clientSecret, String audience, Duration assertionLifetime,
                           Duration refreshMargin, String tokenPath) {

    public VissSettings {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("viss.clientId: empty (expected: the consumer key)");
        }
        if (clientSecret == null || clientSecret.length == 0) {
            throw new IllegalArgumentException("viss.clientSecret: empty (expected: the consumer secret)");
        }
        if (audience == null || !audience.startsWith("https://")) {
            throw new IllegalArgumentException("viss.audience: " + audience + " (expected: the token endpoint's https URL)");
        }
        if (assertionLifetime == null || assertionLifetime.toSeconds() < 300 || assertionLifetime.toSeconds() > 600) {
            throw new IllegalArgumentException("viss.assertionLifetime: " + assertionLifetime + " (expected: PT5M to PT10M)");
        }
        if (refreshMargin == null || refreshMargin.isNegative()) {
            throw new IllegalArgumentException("viss.refreshMargin: " + refreshMargin + " (expected: zero or positive)");
        }
        Objects.requireNonNull(tokenPath, "tokenPath");
        if (!tokenPath.startsWith("/")) {
            throw new IllegalArgumentException("viss.tokenPath: " + tokenPath + " (expected: an absolute path)");
        }
    }

    /** Zeroes the secret, e.g. when the client is closed. */
    public void wipe() {
        java.util.Arrays.fill(clientSecret, '\0');
    }

    @Override
    public String toString() {
        return "VissSettings[clientId=" + clientId + ", clientSecret=(hidden), audience=" + audience
                + ", assertionLifetime=" + assertionLifetime + ", refreshMargin=" + refreshMargin
                + ", tokenPath=" + tokenPath + "]";
    }
}
