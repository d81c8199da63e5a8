package lv.sargs.hsm.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletionException;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.hsm.core.Signatures;
import lv.sargs.testkit.CertificateAuthority;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DemoTokenTest {

    private static final byte[] DATA = "statistics file".getBytes(StandardCharsets.UTF_8);
    private final Token token = Tokens.demo();

    @AfterEach
    void close() {
        token.close();
    }

    @Test
    void announcesItselfAsNotForProduction() {
        assertFalse(token.forProduction());
        assertTrue(token.health().usable());
        assertTrue(token.health().reason().contains("NOT FOR PRODUCTION"), token.health().reason());
    }

    @Test
    void signsWithEveryAlgorithmVerifiableByThePublicKey() throws Exception {
        KeyInfo rsa = token.generateKeyPair("rsa", KeySpec.RSA_2048);
        KeyInfo ec = token.generateKeyPair("ec", KeySpec.EC_P384);
        for (SignatureAlgorithm algorithm : SignatureAlgorithm.values()) {
            KeyInfo key = algorithm.jcaName().contains("ECDSA") ? ec : rsa;
            byte[] signature = token.sign(key.label(), algorithm, DATA).join();
            java.security.Signature verifier = Signatures.forVerifying(algorithm, key.publicKey());
            verifier.update(DATA);
            assertTrue(verifier.verify(signature), algorithm.name());
        }
    }

    @Test
    void refusesAlgorithmThatDoesNotFitTheKey() {
        token.generateKeyPair("ec", KeySpec.EC_P256);
        CompletionException e = assertThrows(CompletionException.class,
                () -> token.sign("ec", SignatureAlgorithm.SHA256_WITH_RSA, DATA).join());
        assertEquals(TokenException.Code.UNSUPPORTED, ((TokenException) e.getCause()).code());
    }

    @Test
    void listsImportedChainAndRefusesCertificateOfAnotherKey() {
        CertificateAuthority ca = CertificateAuthority.create("Demo CA");
        KeyInfo key = token.generateKeyPair("viss", KeySpec.EC_P256);
        X509Certificate other = ca.issue("someone-else").client().build().certificate();

        TokenException refused = assertThrows(TokenException.class,
                () -> token.importCertificateChain("viss", List.of(other)));
        assertEquals(TokenException.Code.CERTIFICATE_MISMATCH, refused.code());
        assertTrue(refused.getMessage().contains("does not match key 'viss'"), refused.getMessage());

        X509Certificate leaf = ca.issue("viss-client").client().certify(key.publicKey());
        token.importCertificateChain("viss", List.of(leaf, ca.certificate()));
        KeyInfo listed = token.listKeys().get(0);
        assertEquals(List.of(leaf, ca.certificate()), listed.chain());
        assertEquals(leaf.getNotAfter().toInstant(), listed.notAfter().orElseThrow());
        assertEquals(List.of(leaf, ca.certificate()), token.certificateChain("viss"));
    }

    @Test
    void keyManagerPresentsExactlyTheConfiguredKeyAndChain() {
        CertificateAuthority ca = CertificateAuthority.create("Demo CA");
        KeyInfo key = token.generateKeyPair("tls", KeySpec.EC_P256);
        X509Certificate leaf = ca.issue("tls-client").client().certify(key.publicKey());
        var manager = token.keyManager("tls", List.of(leaf, ca.certificate()));
        assertEquals("tls", manager.chooseEngineClientAlias(new String[] {"RSA", "EC"}, null, null));
        assertEquals(null, manager.chooseEngineClientAlias(new String[] {"RSA"}, null, null));
        assertArrayEquals(new X509Certificate[] {leaf, ca.certificate()}, manager.getCertificateChain("tls"));
    }

    @Test
    void refusesDuplicateAndUnknownLabels() {
        token.generateKeyPair("k", KeySpec.EC_P256);
        assertEquals(TokenException.Code.KEY_EXISTS,
                assertThrows(TokenException.class, () -> token.generateKeyPair("k", KeySpec.EC_P256)).code());
        token.deleteKey("k");
        assertEquals(TokenException.Code.KEY_NOT_FOUND,
                assertThrows(TokenException.class, () -> token.certificateChain("k")).code());
    }
}
