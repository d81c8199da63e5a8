package lv.sargs.sandbox.server;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A token request refused with an OAuth2 error (RFC 6749 §5.2): {@code error} is the stable code,
 * the description names what was wrong and what was expected.
 */
public final class OAuthError extends Exception {

    private final int status;
    private final String error;

    private OAuthError(int status, String error, String description) {
        super(description);
        this.status = status;
        this.error = error;
    }

    /** 400 {@code invalid_request}: a parameter missing or malformed. */
    public static OAuthError invalidRequest(String description) {
        return new OAuthError(400, "invalid_request", description);
    }

    /** 400 {@code unsupported_grant_type}. */
    public static OAuthError unsupportedGrantType(String description) {
        return new OAuthError(400, "unsupported_grant_type", description);
    }

    /** 401 {@code invalid_client}: the client could not be authenticated. */
    public static OAuthError invalidClient(String description) {
        return new OAuthError(401, "invalid_client", description);
    }

    /** 400 {@code invalid_grant}: the assertion is well formed and signed but not acceptable now. */
    public static OAuthError invalidGrant(String description) {
        return new OAuthError(400, "invalid_grant", description);
    }

    /** The stable OAuth2 error code, e.g. {@code invalid_client}. */
    public String error() {
        return error;
    }

    /** The answer WSO2 gives: the error JSON, no caching. */
    public SimulatorResponse toResponse() {
        ObjectNode body = SimulatorResponse.mapper().createObjectNode()
                .put("error_description", getMessage())
                .put("error", error);
        return SimulatorResponse.json(status, body).withHeader("Cache-Control", "no-store");
    }
}
