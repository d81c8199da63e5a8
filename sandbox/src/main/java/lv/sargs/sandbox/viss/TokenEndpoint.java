package lv.sargs.sandbox.viss;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import lv.sargs.sandbox.server.AccessTokens;
import lv.sargs.sandbox.server.OAuthError;
import lv.sargs.sandbox.server.RegisteredCertificates;
import lv.sargs.sandbox.server.RegisteredClient;
import lv.sargs.sandbox.server.SimulatorRequest;
import lv.sargs.sandbox.server.SimulatorResponse;

/** {@code POST /token}: the client-credentials grant with a private-key JWT assertion, over mTLS. */
final class TokenEndpoint {

    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final Map<String, RegisteredClient> clients;
    private final ClientAssertionVerifier verifier;
    private final AccessTokens tokens;
    private final Duration lifetime;

    TokenEndpoint(Map<String, RegisteredClient> clients, ClientAssertionVerifier verifier, AccessTokens tokens,
                  Duration lifetime) {
        this.clients = clients;
        this.verifier = verifier;
        this.tokens = tokens;
        this.lifetime = lifetime;
    }

    SimulatorResponse handle(SimulatorRequest request) {
        try {
            String clientId = authenticate(request);
            String token = tokens.issue(clientId, request.clientCertificate(), lifetime);
            ObjectNode body = SimulatorResponse.mapper().createObjectNode()
                    .put("access_token", token)
                    .put("scope", "default")
                    .put("token_type", "Bearer")
                    .put("expires_in", lifetime.toSeconds());
            return SimulatorResponse.json(200, body).withHeader("Cache-Control", "no-store");
        } catch (OAuthError e) {
            return e.toResponse();
        }
    }

    private String authenticate(SimulatorRequest request) throws OAuthError {
        String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        if (!contentType.startsWith("application/x-www-form-urlencoded")) {
            throw OAuthError.invalidRequest("Content-Type: " + contentType
                    + " (expected: application/x-www-form-urlencoded)");
        }
        Map<String, List<String>> form = new QueryStringDecoder(request.bodyText(), StandardCharsets.UTF_8, false)
                .parameters();
        String grantType = single(form, "grant_type");
        if (grantType == null) {
            throw OAuthError.invalidRequest("grant_type: missing (expected: client_credentials)");
        }
        if (!grantType.equals("client_credentials")) {
            throw OAuthError.unsupportedGrantType("grant_type: " + grantType + " (expected: client_credentials)");
        }
        String clientId = single(form, "client_id");
        RegisteredClient client = clientId == null ? null : clients.get(clientId);
        if (client == null) {
            throw OAuthError.invalidClient("client_id: " + clientId + " (expected: a registered consumer key)");
        }
        if (!client.secretMatches(single(form, "client_secret"))) {
            throw OAuthError.invalidClient("client_secret: does not match (expected: the consumer secret of " + clientId + ")");
        }
        if (!RegisteredCertificates.fingerprint(client.certificate())
                .equals(RegisteredCertificates.fingerprint(request.clientCertificate()))) {
            throw OAuthError.invalidClient("TLS client certificate: " + request.clientCertificate().getSubjectX500Principal()
                    + " (expected: the certificate registered for " + clientId + ")");
        }
        String assertionType = single(form, "client_assertion_type");
        if (!ASSERTION_TYPE.equals(assertionType)) {
            throw OAuthError.invalidRequest("client_assertion_type: " + assertionType + " (expected: " + ASSERTION_TYPE + ")");
        }
        String assertion = single(form, "client_assertion");
        if (assertion == null || assertion.isEmpty()) {
            throw OAuthError.invalidRequest("client_assertion: missing (expected: a JWT signed RS256)");
        }
        verifier.verify(assertion, clientId, request.clientCertificate());
        return clientId;
    }

    private static String single(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
