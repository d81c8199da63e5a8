package lv.sargs.hsm.jws;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.TokenException.Code;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * Compact JWS (RFC 7515) signed with a token key — RS256, PS256, ES256 or ES384 — whose protected
 * header carries the certificate chain as {@code x5c}, {@code x5t} and {@code x5t#S256}: the VISS
 * JWT client assertion. The header is fixed at construction; each call signs one payload on the
 * token's executor and completes on the token's thread.
 */
public final class JwsSigner {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final Token token;
    private final String label;
    private final SignatureAlgorithm algorithm;
    private final String headerJson;
    private final String encodedHeader;

    /** A signer whose header is {@code alg}, {@code typ: JWT} and the chain's {@code x5c}/{@code x5t}/{@code x5t#S256}. */
    public JwsSigner(Token token, String label, SignatureAlgorithm algorithm, List<X509Certificate> chain) {
        this(token, label, algorithm, chain, Map.of("typ", "JWT"));
    }

    /** As above, with {@code extraHeader} members (e.g. {@code typ}, {@code kid}) after {@code alg}. */
    public JwsSigner(Token token, String label, SignatureAlgorithm algorithm, List<X509Certificate> chain,
                     Map<String, ?> extraHeader) {
        if (chain.isEmpty()) {
            throw new TokenException(Code.CONFIGURATION, token.name() + ": JWS for key '" + label
                    + "' needs its certificate chain (expected: leaf first)");
        }
        this.token = token;
        this.label = label;
        this.algorithm = algorithm;
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", algorithm.joseName());
        header.putAll(extraHeader);
        header.put("x5c", x5c(chain));
        header.put("x5t", thumbprint("SHA-1", chain.get(0)));
        header.put("x5t#S256", thumbprint("SHA-256", chain.get(0)));
        this.headerJson = Json.write(header);
        this.encodedHeader = B64URL.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8));
    }

    /** The protected header as JSON. */
    public String headerJson() {
        return headerJson;
    }

    /** Signs {@code claims} (written as JSON in their iteration order) into a compact JWS. */
    public CompletableFuture<String> sign(Map<String, ?> claims) {
        return signPayload(Json.write(claims).getBytes(StandardCharsets.UTF_8));
    }

    /** Signs an already serialised JSON payload (or any payload) into a compact JWS. */
    public CompletableFuture<String> signPayload(byte[] payload) {
        String signingInput = encodedHeader + '.' + B64URL.encodeToString(payload);
        return token.sign(label, algorithm, signingInput.getBytes(StandardCharsets.US_ASCII))
                .thenApply(signature -> signingInput + '.' + B64URL.encodeToString(joseSignature(signature)));
    }

    /** JWS wants ECDSA signatures as fixed-length R||S (RFC 7518 §3.4), not the DER JCA returns. */
    private byte[] joseSignature(byte[] signature) {
        int half = switch (algorithm) {
            case SHA256_WITH_ECDSA -> 32;
            case SHA384_WITH_ECDSA -> 48;
            default -> 0;
        };
        if (half == 0) {
            return signature;
        }
        ASN1Sequence sequence = ASN1Sequence.getInstance(signature);
        byte[] raw = new byte[2 * half];
        unsigned(ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue(), raw, 0, half);
        unsigned(ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue(), raw, half, half);
        return raw;
    }

    private static void unsigned(BigInteger value, byte[] into, int offset, int length) {
        byte[] bytes = value.toByteArray();
        int skip = bytes.length > length ? bytes.length - length : 0;
        System.arraycopy(bytes, skip, into, offset + length - (bytes.length - skip), bytes.length - skip);
    }

    private static List<String> x5c(List<X509Certificate> chain) {
        List<String> encoded = new ArrayList<>();
        for (X509Certificate cert : chain) {
            encoded.add(Base64.getEncoder().encodeToString(der(cert)));
        }
        return encoded;
    }

    private static String thumbprint(String digest, X509Certificate cert) {
        try {
            return B64URL.encodeToString(MessageDigest.getInstance(digest).digest(der(cert)));
        } catch (GeneralSecurityException e) {
            throw new TokenException(Code.UNSUPPORTED, digest + " is not available", e);
        }
    }

    private static byte[] der(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new TokenException(Code.CONFIGURATION, "certificate " + cert.getSubjectX500Principal() + " cannot be encoded", e);
        }
    }
}
