package lv.sargs.sandbox.viss;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Test helper: an RS256 client assertion signed with a software key, every field overridable. */
final class ClientAssertion {

    private static final ObjectMapper JSON = new ObjectMapper();

    String iss;
    String sub;
    Object aud;
    Instant exp;
    Instant iat;
    String jti = UUID.randomUUID().toString();
    X509Certificate x5c;
    String x5t;
    PrivateKey key;
    String alg = "RS256";

    ClientAssertion(String clientId, String audience, Instant now, X509Certificate certificate, PrivateKey key) {
        this.iss = clientId;
        this.sub = clientId;
        this.aud = audience;
        this.iat = now;
        this.exp = now.plusSeconds(300);
        this.x5c = certificate;
        this.key = key;
    }

    String sign() throws GeneralSecurityException {
        ObjectNode header = JSON.createObjectNode().put("alg", alg).put("typ", "JWT");
        header.putArray("x5c").add(Base64.getEncoder().encodeToString(x5c.getEncoded()));
        header.put("x5t", x5t != null ? x5t : b64(MessageDigest.getInstance("SHA-1").digest(x5c.getEncoded())));
        ObjectNode claims = JSON.createObjectNode().put("iss", iss).put("sub", sub).put("jti", jti)
                .put("exp", exp.getEpochSecond()).put("iat", iat.getEpochSecond())
                .put("nbf", iat.getEpochSecond());
        claims.set("aud", JSON.valueToTree(aud));
        String input = b64(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + b64(claims.toString().getBytes(StandardCharsets.UTF_8));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(key);
        rs256.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(rs256.sign());
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
