package lv.sargs.sandbox.fpr;

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

/**
 * {@code POST /token}: DAGR's security token by the client-credentials grant (client id and
 * secret in the form), over mTLS with the client's registered certificate.
 */
final class FprTokenEndpoint {

    private final Map<String, RegisteredClient> clients;
    private final AccessTokens tokens;
    private final Duration lifetime;

    FprTokenEndpoint(Map<String, RegisteredClient> clients, AccessTokens tokens, Duration lifetime) {
        this.clients = clients;
        this.tokens = tokens;
        this.lifetime = lifetime;
    }

    SimulatorResponse handle(SimulatorRequest request) {
        try {
            String clientId = authenticate(request);
            ObjectNode body = SimulatorResponse.mapper().createObjectNode()
                    .put("access_token", tokens.issue(clientId, request.clientCertificate(), lifetime))
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
        String grantType = first(form, "grant_type");
        if (!"client_credentials".equals(grantType)) {
            throw grantType == null ? OAuthError.invalidRequest("grant_type: missing (expected: client_credentials)")
                    : OAuthError.unsupportedGrantType("grant_type: " + grantType + " (expected: client_credentials)");
        }
        String clientId = first(form, "client_id");
        RegisteredClient client = clientId == null ? null : clients.get(clientId);
        if (client == null) {
            throw OAuthError.invalidClient("client_id: " + clientId + " (expected: a registered client)");
        }
        if (!client.secretMatches(first(form, "client_secret"))) {
            throw OAuthError.invalidClient("client_secret: does not match (expected: the secret of " + clientId + ")");
        }
        if (!RegisteredCertificates.fingerprint(client.certificate())
                .equals(RegisteredCertificates.fingerprint(request.clientCertificate()))) {
            throw OAuthError.invalidClient("TLS client certificate: " + request.clientCertificate().getSubjectX500Principal()
                    + " (expected: the certificate registered for " + clientId + ")");
        }
        return clientId;
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
