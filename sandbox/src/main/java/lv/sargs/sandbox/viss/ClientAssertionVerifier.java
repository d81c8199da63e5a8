package lv.sargs.sandbox.viss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import lv.sargs.sandbox.server.OAuthError;

/**
 * Checks a private-key JWT client assertion (docs/protocols.md §1): RS256 signed by the key of the
 * certificate in {@code x5c[0]}, which must be the TLS client certificate; {@code x5t} its SHA-1
 * thumbprint; {@code iss} = {@code sub} = client id; {@code aud} exact; {@code exp} in the future
 * and at most ten minutes ahead; a {@code jti} never seen before.
 */
final class ClientAssertionVerifier {

    static final Duration MAX_LIFETIME = Duration.ofMinutes(10);
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String audience;
    private final Clock clock;
    private final SeenJtis jtis = new SeenJtis();

    ClientAssertionVerifier(String audience, Clock clock) {
        this.audience = audience;
        this.clock = clock;
    }

    /** Accepts the assertion or says, as the OAuth2 error, which rule it broke. */
    void verify(String assertion, String clientId, X509Certificate tlsCertificate) throws OAuthError {
        String[] parts = assertion.split("\\.", -1);
        if (parts.length != 3) {
            throw OAuthError.invalidRequest("client_assertion: " + parts.length
                    + " dot-separated parts (expected: a signed JWT, 3 parts)");
        }
        JsonNode header = json("header", parts[0]);
        JsonNode claims = json("claims", parts[1]);
        if (!"RS256".equals(header.path("alg").asText())) {
            throw OAuthError.invalidClient("client_assertion alg: " + header.path("alg") + " (expected: RS256)");
        }
        X509Certificate signer = x5c(header, tlsCertificate);
        checkThumbprint(header, signer);
        checkSignature(parts, signer);
        checkClaim(claims, "iss", clientId);
        checkClaim(claims, "sub", clientId);
        checkAudience(claims);
        Instant exp = checkTimes(claims);
        String jti = claims.path("jti").asText("");
        if (jti.isEmpty()) {
            throw OAuthError.invalidGrant("client_assertion jti: missing (expected: a unique id)");
        }
        if (!jtis.firstUse(clientId, jti, exp, clock.instant())) {
            throw OAuthError.invalidGrant("client_assertion jti: " + jti + " already used (expected: a new jti)");
        }
    }

    private static JsonNode json(String part, String base64url) throws OAuthError {
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(base64url));
            if (node == null || !node.isObject()) {
                throw OAuthError.invalidRequest("client_assertion " + part + ": not a JSON object");
            }
            return node;
        } catch (IllegalArgumentException | IOException e) {
            throw OAuthError.invalidRequest("client_assertion " + part + ": not base64url JSON");
        }
    }

    private static X509Certificate x5c(JsonNode header, X509Certificate tls) throws OAuthError {
        JsonNode first = header.path("x5c").path(0);
        if (!first.isTextual()) {
            throw OAuthError.invalidClient("client_assertion x5c: missing (expected: the TLS client certificate chain)");
        }
        byte[] der;
        X509Certificate cert;
        try {
            der = Base64.getDecoder().decode(first.asText());
            cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            if (!MessageDigest.isEqual(der, tls.getEncoded())) {
                throw OAuthError.invalidClient("client_assertion x5c[0]: " + cert.getSubjectX500Principal()
                        + " (expected: the TLS client certificate " + tls.getSubjectX500Principal() + ")");
            }
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw OAuthError.invalidClient("client_assertion x5c[0]: not a base64 DER certificate");
        }
        return cert;
    }

    private static void checkThumbprint(JsonNode header, X509Certificate signer) throws OAuthError {
        String want;
        try {
            want = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-1").digest(signer.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 of " + signer.getSubjectX500Principal(), e);
        }
        String got = header.path("x5t").asText("");
        if (!want.equals(got.replace("=", ""))) {
            throw OAuthError.invalidClient("client_assertion x5t: " + got + " (expected: " + want + ")");
        }
    }

    private static void checkSignature(String[] parts, X509Certificate signer) throws OAuthError {
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(signer.getPublicKey());
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return;
            }
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // Falls through: an undecodable or non-RSA signature is a bad signature.
        }
        throw OAuthError.invalidClient("client_assertion signature: does not verify (expected: RS256 by the key of x5c[0])");
    }

    private static void checkClaim(JsonNode claims, String name, String want) throws OAuthError {
        String got = claims.path(name).asText(null);
        if (!want.equals(got)) {
            throw OAuthError.invalidClient("client_assertion " + name + ": " + got + " (expected: the client_id " + want + ")");
        }
    }

    private void checkAudience(JsonNode claims) throws OAuthError {
        JsonNode aud = claims.path("aud");
        boolean ok = aud.isTextual() ? audience.equals(aud.asText())
                : aud.isArray() && aud.size() == 1 && audience.equals(aud.path(0).asText());
        if (!ok) {
            throw OAuthError.invalidGrant("client_assertion aud: " + aud + " (expected: " + audience + ")");
        }
    }

    private Instant checkTimes(JsonNode claims) throws OAuthError {
        Instant now = clock.instant();
        if (!claims.path("exp").canConvertToLong()) {
            throw OAuthError.invalidGrant("client_assertion exp: " + claims.path("exp") + " (expected: seconds since the epoch)");
        }
        Instant exp = Instant.ofEpochSecond(claims.path("exp").asLong());
        if (!exp.isAfter(now)) {
            throw OAuthError.invalidGrant("client_assertion exp: " + exp + " (expected: after now, " + now + ")");
        }
        if (exp.isAfter(now.plus(MAX_LIFETIME))) {
            throw OAuthError.invalidGrant("client_assertion exp: " + exp + " (expected: at most "
                    + MAX_LIFETIME.toMinutes() + " min ahead, by " + now.plus(MAX_LIFETIME) + ")");
        }
        for (String early : new String[] {"nbf", "iat"}) {
            JsonNode value = claims.path(early);
            if (value.canConvertToLong() && Instant.ofEpochSecond(value.asLong()).isAfter(now.plus(SKEW))) {
                throw OAuthError.invalidGrant("client_assertion " + early + ": " + Instant.ofEpochSecond(value.asLong())
                        + " (expected: not after now, " + now + ")");
            }
        }
        return exp;
    }
}
