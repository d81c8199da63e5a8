package lv.sargs.sandbox.fpr;

import io.netty.handler.codec.http.HttpHeaderNames;
import lv.sargs.sandbox.server.AccessTokens;
import lv.sargs.sandbox.server.Route;

/**
 * Lets a call through only with a good security token (bound to the TLS client certificate) in
 * {@code Authorization: Bearer} and the configured permission number in {@code X-DAGR-Permission}.
 */
final class DagrGate {

    static final String PERMISSION_HEADER = "X-DAGR-Permission";

    private final AccessTokens tokens;
    private final String permission;

    DagrGate(AccessTokens tokens, String permission) {
        this.tokens = tokens;
        this.permission = permission;
    }

    Route.Handler guard(Route.Handler inner) {
        return request -> {
            String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
            String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? header.substring(7).trim() : null;
            AccessTokens.Refusal refusal = tokens.check(token, request.clientCertificate());
            if (refusal != null) {
                return FprJson.error(401, "UNAUTHORIZED", "Authorization: " + (token == null ? "missing" : refusal)
                        + " (expected: Bearer and a security token from /token over this client certificate)")
                        .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            }
            String presented = request.headers().get(PERMISSION_HEADER);
            if (presented == null) {
                return FprJson.error(403, "PERMISSION_REQUIRED", PERMISSION_HEADER + ": missing (expected: the permission number)");
            }
            if (!presented.trim().equals(permission)) {
                return FprJson.error(403, "PERMISSION_DENIED", PERMISSION_HEADER + ": " + presented
                        + " (expected: a permission granted to this client)");
            }
            return inner.handle(request);
        };
    }
}
