package lv.sargs.hsm.jws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.SoftHsmTokens;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.hsm.core.Signatures;
import lv.sargs.testkit.CertificateAuthority;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JwsSignerTest {

    private static final Base64.Decoder B64URL = Base64.getUrlDecoder();
    private static final String AUDIENCE = "https://ha.vraa.gov.lv/STS/VISS.Pfas.STS/oauth2/token";
    private static Token token;
    private static CertificateAuthority ca;

    @BeforeAll
    static void openToken() {
        token = Tokens.open(SoftHsmTokens.fresh());
        ca = CertificateAuthority.create("Sargs Test CA");
    }

    @AfterAll
    static void closeToken() {
        token.close();
    }

    private static List<X509Certificate> keyWithChain(String label, KeySpec spec) {
        KeyInfo key = token.generateKeyPair(label, spec);
        X509Certificate leaf = ca.issue(label).client().certify(key.publicKey());
        token.importCertificateChain(label, List.of(leaf, ca.certificate()));
        return List.of(leaf, ca.certificate());
    }

    /** Verifies with the JDK alone; ECDSA in the IEEE P1363 (R||S) form JWS uses. */
    private static boolean verifies(String jws, SignatureAlgorithm algorithm, X509Certificate cert) throws Exception {
        String[] parts = jws.split("\\.");
        Signature verifier = switch (algorithm) {
            case SHA256_WITH_ECDSA -> Signature.getInstance("SHA256withECDSAinP1363Format");
            case SHA384_WITH_ECDSA -> Signature.getInstance("SHA384withECDSAinP1363Format");
            default -> null;
        };
        if (verifier == null) {
            verifier = Signatures.forVerifying(algorithm, cert.getPublicKey());
        } else {
            verifier.initVerify(cert.getPublicKey());
        }
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return verifier.verify(B64URL.decode(parts[2]));
    }

    @Test
    void signsClientAssertionVerifiableWithTheCertificatesPublicKey() throws Exception {
        Map<SignatureAlgorithm, List<X509Certificate>> chains = Map.of(
                SignatureAlgorithm.SHA256_WITH_RSA, keyWithChain("viss-rsa", KeySpec.RSA_2048),
                SignatureAlgorithm.SHA256_WITH_ECDSA, keyWithChain("viss-p256", KeySpec.EC_P256),
                SignatureAlgorithm.SHA384_WITH_ECDSA, keyWithChain("viss-p384", KeySpec.EC_P384));
        for (SignatureAlgorithm algorithm : SignatureAlgorithm.values()) {
            String label = switch (algorithm) {
                case SHA256_WITH_RSA, RSASSA_PSS_SHA256 -> "viss-rsa";
                case SHA256_WITH_ECDSA -> "viss-p256";
                case SHA384_WITH_ECDSA -> "viss-p384";
            };
            List<X509Certificate> chain = chains.get(algorithm == SignatureAlgorithm.RSASSA_PSS_SHA256
                    ? SignatureAlgorithm.SHA256_WITH_RSA : algorithm);
            JwsSigner signer = new JwsSigner(token, label, algorithm, chain);
            Map<String, Object> claims = ClientAssertions.claims("consumer-key", AUDIENCE,
                    Instant.parse("2026-11-21T09:00:00Z"), Duration.ofSeconds(300));

            String jws = signer.sign(claims).join();

            assertTrue(verifies(jws, algorithm, chain.get(0)), algorithm.joseName());
            String[] parts = jws.split("\\.");
            assertEquals(3, parts.length);
            String payload = new String(B64URL.decode(parts[1]), StandardCharsets.UTF_8);
            assertTrue(payload.startsWith("{\"iss\":\"consumer-key\",\"sub\":\"consumer-key\",\"aud\":\"" + AUDIENCE
                    + "\",\"jti\":\""), payload);
            assertTrue(payload.endsWith("\"iat\":1795251600,\"nbf\":1795251600,\"exp\":1795251900}"), payload);
        }
    }

    @Test
    void headerCarriesChainAndThumbprints() throws Exception {
        List<X509Certificate> chain = keyWithChain("header", KeySpec.RSA_2048);
        String jws = new JwsSigner(token, "header", SignatureAlgorithm.SHA256_WITH_RSA, chain).sign(Map.of("a", 1)).join();
        String header = new String(B64URL.decode(jws.substring(0, jws.indexOf('.'))), StandardCharsets.UTF_8);
        Base64.Encoder std = Base64.getEncoder();
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        byte[] leaf = chain.get(0).getEncoded();
        assertEquals("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"x5c\":[\"" + std.encodeToString(leaf) + "\",\""
                + std.encodeToString(chain.get(1).getEncoded()) + "\"],\"x5t\":\""
                + url.encodeToString(MessageDigest.getInstance("SHA-1").digest(leaf)) + "\",\"x5t#S256\":\""
                + url.encodeToString(MessageDigest.getInstance("SHA-256").digest(leaf)) + "\"}", header);
    }

    @Test
    void escapesClaimStringsAndRefusesUnsupportedValues() {
        java.util.Map<String, Object> claims = new java.util.LinkedHashMap<>();
        claims.put("q", "a\"b\\c\n\u0001ā");
        claims.put("l", java.util.Arrays.asList(1, true, null));
        assertEquals("{\"q\":\"a\\\"b\\\\c\\n\\u0001ā\",\"l\":[1,true,null]}", Json.write(claims));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of("t", Instant.EPOCH)));
        assertThrows(IllegalArgumentException.class,
                () -> ClientAssertions.claims("c", AUDIENCE, Instant.EPOCH, Duration.ofHours(1)));
    }
}
