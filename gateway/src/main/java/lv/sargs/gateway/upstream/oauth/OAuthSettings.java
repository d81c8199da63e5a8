package lv.sargs.gateway.upstream.oauth;

import java.time.Duration;
import java.util.Arrays;

/**
 * An OAuth 2 client-credentials registration at an upstream's token endpoint: client id and
 * secret, the endpoint's path under the upstream's base URI, and how long before {@code expires_in}
 * runs out a token is replaced. The secret is a {@code char[]} that {@link #toString()} never
 * prints; {@link #wipe()} zeroes it.
 *
 * @param clientId the client id (VISS: the consumer key)
 * @param clientSecret the client secret (VISS: the consumer secret)
 * @param tokenPath e.g. {@code /token}
 * @param refreshMargin a token is replaced this long before it expires
 */
public record OAuthSettings(String clientId, char[] clientSecret, String tokenPath, Duration refreshMargin) {

    public OAuthSettings {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("oauth.clientId: empty (expected: the registered client id)");
        }
        if (clientSecret == null || clientSecret.length == 0) {
            throw new IllegalArgumentException("oauth.clientSecret: empty (expected: the client secret)");
        }
        if (tokenPath == null || !tokenPath.startsWith("/")) {
            throw new IllegalArgumentException("oauth.tokenPath: " + tokenPath + " (expected: an absolute path)");
        }
        if (refreshMargin == null || refreshMargin.isNegative()) {
            throw new IllegalArgumentException("oauth.refreshMargin: " + refreshMargin + " (expected: zero or positive)");
        }
    }

    /** Zeroes the secret, e.g. when the client is closed. */
    public void wipe() {
        Arrays.fill(clientSecret, '\0');
    }

    @Override
    public String toString() {
        return "OAuthSettings[clientId=" + clientId + ", clientSecret=(hidden), tokenPath=" + tokenPath
                + ", refreshMargin=" + refreshMargin + "]";
    }
}
