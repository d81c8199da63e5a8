package lv.sargs.gateway.upstream.oauth;

import lv.sargs.gateway.http.FuzzContract;
import lv.sargs.gateway.upstream.UpstreamResponse;
import lv.sargs.gateway.upstream.core.UpstreamException;

/**
 * Fuzz target for the token endpoint's answer (VISS's and the population register's OAuth
 * servers), read as a success (HTTP 200) and as a refusal (HTTP 400). A finding is any exception but
 * {@link UpstreamException}, or its message not in the gateway's own words.
 */
public final class OAuthFuzzTargets {

    private OAuthFuzzTargets() {
    }

    /** One token endpoint answer body. */
    public static final class TokenAnswer {
        public static void fuzzerTestOneInput(byte[] data) {
            for (int status : new int[] {200, 400}) {
                try {
                    AccessToken token = TokenEndpoint.read("viss", 30_000_000_000L,
                            new UpstreamResponse(status, "application/json", data), 0);
                    if (status != 200 || token == null) {
                        throw new AssertionError("a token from an answer of HTTP " + status);
                    }
                } catch (UpstreamException e) {
                    FuzzContract.ownWords(e.getMessage(), data);
                }
            }
        }
    }
}
