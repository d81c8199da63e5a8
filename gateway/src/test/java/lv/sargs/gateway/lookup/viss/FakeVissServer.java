package lv.sargs.gateway.lookup.viss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import lv.sargs.gateway.upstream.ScriptedHttpsServer;
import lv.sargs.gateway.upstream.ScriptedHttpsServer.Reply;

/**
 * A small stand-in for VISS API Pārvaldnieks until the sandbox simulator is merged: checks the
 * client-credentials form and the JWT assertion as docs/protocols.md §1 describes (RS256 by the TLS
 * client certificate's key, x5c[0] = that certificate, iss = sub = client_id, exact aud, exp at
 * most 10 min ahead, jti never seen), issues bearer tokens, and serves one legal entity.
 */
final class FakeVissServer implements ScriptedHttpsServer.Script {

    static final String CLIENT_ID = "sargs-consumer-key";
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    static final String SECRET = "s3cr&t=consumer secret";
    static final String AUDIENCE = "https://ha.vraa.gov.lv/STS/VISS.Pfas.STS/oauth2/token";
    static final String KNOWN_ENTITY = "40003521600";
    static final String ENTITY_JSON = "{\"regNo\":\"40003521600\",\"legalName\":\"Latvijas Banka\"}";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Boolean> tokens = new ConcurrentHashMap<>();
    private final Set<String> seenJti = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger businessCalls = new AtomicInteger();
    private volatile long expiresIn = 3600;
    private volatile String lastError;
    private volatile String businessOverride;
    private final AtomicInteger tokenResets = new AtomicInteger();

    int tokenRequests() {
        return tokenRequests.get();
    }

    int businessCalls() {
        return businessCalls.get();
    }

    String lastError() {
        return lastError;
    }

    void expiresIn(long seconds) {
        this.expiresIn = seconds;
    }

    /** Every token issued so far now answers 401, as when they expire. */
    void expireAllTokens() {
        tokens.replaceAll((t, valid) -> false);
    }

    /** The next {@code n} token requests are answered with a TCP reset. */
    void resetTokenRequests(int n) {
        tokenResets.set(n);
    }

    /** Business calls answer this raw body with HTTP 200 instead. */
    void businessBody(String body) {
        this.businessOverride = body;
    }

    @Override
    public void answer(FullHttpRequest request, Reply reply) {
        try {
            if (request.uri().equals("/token")) {
                token(request, reply);
            } else {
                business(request, reply);
            }
        } catch (Exception e) {
            lastError = e.toString();
            reply.json(500, "{\"error\":\"server_error\"}");
        }
    }

    private void token(FullHttpRequest request, Reply reply) throws Exception {
        tokenRequests.incrementAndGet();
        if (tokenResets.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            reply.reset();
            return;
        }
        var form = new QueryStringDecoder(request.content().toString(StandardCharsets.UTF_8), false).parameters();
        String refusal = refusal(form, reply);
        if (refusal != null) {
            lastError = refusal;
            reply.json(400, "{\"error\":\"invalid_client\",\"error_description\":\"" + refusal + "\"}");
            return;
        }
        String token = "tok-" + tokenRequests.get() + "-" + System.nanoTime();
        tokens.put(token, true);
        reply.json(200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}");
    }

    private String refusal(Map<String, java.util.List<String>> form, Reply reply) throws Exception {
        if (!"client_credentials".equals(one(form, "grant_type"))) {
            return "grant_type";
        }
        if (!CLIENT_ID.equals(one(form, "client_id")) || !SECRET.equals(one(form, "client_secret"))) {
            return "client_id or client_secret";
        }
        if (!ASSERTION_TYPE.equals(one(form, "client_assertion_type"))) {
            return "client_assertion_type";
        }
        String[] jws = one(form, "client_assertion").split("\\.");
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(jws[0]));
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jws[1]));
        X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Base64.getDecoder().decode(header.get("x5c").get(0).asText())));
        if (!"RS256".equals(header.get("alg").asText()) || !"JWT".equals(header.get("typ").asText())
                || header.get("x5t") == null) {
            return "header";
        }
        if (!leaf.equals(reply.clientChain().get(0))) {
            return "x5c does not match the TLS client certificate";
        }
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(leaf.getPublicKey());
        rs256.update((jws[0] + "." + jws[1]).getBytes(StandardCharsets.US_ASCII));
        if (!rs256.verify(Base64.getUrlDecoder().decode(jws[2]))) {
            return "signature";
        }
        long now = Instant.now().getEpochSecond();
        long exp = claims.get("exp").asLong();
        if (!CLIENT_ID.equals(claims.get("iss").asText()) || !CLIENT_ID.equals(claims.get("sub").asText())
                || !AUDIENCE.equals(claims.get("aud").asText()) || exp <= now || exp > now + 600
                || claims.get("nbf").asLong() > now + 5 || !seenJti.add(claims.get("jti").asText())) {
            return "claims";
        }
        return null;
    }

    private void business(FullHttpRequest request, Reply reply) {
        businessCalls.incrementAndGet();
        String authorization = request.headers().get("Authorization", "");
        if (!authorization.startsWith("Bearer ")
                || !tokens.getOrDefault(authorization.substring("Bearer ".length()), false)) {
            reply.json(401, "{\"code\":\"900901\",\"message\":\"Invalid Credentials\"}");
            return;
        }
        if (businessOverride != null) {
            reply.send(200, "application/json", businessOverride.getBytes(StandardCharsets.UTF_8), Map.of());
        } else if (request.uri().equals(VissPaths.LEGAL_ENTITY + KNOWN_ENTITY)) {
            reply.json(200, ENTITY_JSON);
        } else {
            reply.json(400, "{\"errors\":[{\"code\":\"ENTITY_NOT_FOUND\",\"message\":\"Entity not found\"}]}");
        }
    }

    private static String one(Map<String, java.util.List<String>> form, String name) {
        var values = form.get(name);
        return values == null || values.size() != 1 ? null : values.get(0);
    }
}
