package lv.sargs.hsm.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.Pkcs11Settings;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.SoftHsmTokens;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.hsm.core.Signatures;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.SoftHsm2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Pkcs11TokenTest {

    private static final byte[] DATA = "eKase payment batch".getBytes(StandardCharsets.UTF_8);
    private static Pkcs11Settings settings;
    private static Token token;

    @BeforeAll
    static void openToken() {
        settings = SoftHsmTokens.fresh();
        token = Tokens.open(settings);
    }

    @AfterAll
    static void closeToken() {
        token.close();
    }

    @Test
    void generatesSensitiveNonExtractableTokenKeys() throws Exception {
        token.generateKeyPair("attrs-rsa", KeySpec.RSA_2048);
        token.generateKeyPair("attrs-ec", KeySpec.EC_P384);
        for (String label : List.of("attrs-rsa", "attrs-ec")) {
            Map<String, Boolean> attributes = TokenObjects.privateKeyFlags(settings, label);
            assertEquals(Map.of("CKA_TOKEN", true, "CKA_PRIVATE", true, "CKA_SENSITIVE", true,
                    "CKA_EXTRACTABLE", false, "CKA_ALWAYS_SENSITIVE", true, "CKA_NEVER_EXTRACTABLE", true),
                    attributes, label);
        }
        assertTrue(token.forProduction());
    }

    @Test
    void signsWithEveryAlgorithmVerifiableByThePublicKey() throws Exception {
        KeyInfo rsa = token.generateKeyPair("sign-rsa", KeySpec.RSA_2048);
        KeyInfo p256 = token.generateKeyPair("sign-p256", KeySpec.EC_P256);
        KeyInfo p384 = token.generateKeyPair("sign-p384", KeySpec.EC_P384);
        Map<SignatureAlgorithm, KeyInfo> keys = Map.of(SignatureAlgorithm.SHA256_WITH_RSA, rsa,
                SignatureAlgorithm.RSASSA_PSS_SHA256, rsa, SignatureAlgorithm.SHA256_WITH_ECDSA, p256,
                SignatureAlgorithm.SHA384_WITH_ECDSA, p384);
        for (var e : keys.entrySet()) {
            for (int i = 0; i < 2; i++) {
                byte[] signature = token.sign(e.getValue().label(), e.getKey(), DATA).join();
                Signature verifier = Signatures.forVerifying(e.getKey(), e.getValue().publicKey());
                verifier.update(DATA);
                assertTrue(verifier.verify(signature), e.getKey() + " round " + i);
            }
        }
        CompletionException wrong = assertThrows(CompletionException.class,
                () -> token.sign("sign-p256", SignatureAlgorithm.SHA256_WITH_RSA, DATA).join());
        assertEquals(TokenException.Code.UNSUPPORTED, ((TokenException) wrong.getCause()).code());
    }

    @Test
    void importsMatchingChainAndRefusesCertificateOfAnotherKey() {
        CertificateAuthority ca = CertificateAuthority.create("Sargs Test CA");
        KeyInfo key = token.generateKeyPair("import", KeySpec.EC_P256);
        assertEquals(List.of(), key.chain());
        X509Certificate foreign = ca.issue("not-this-key").client().build().certificate();
        TokenException refused = assertThrows(TokenException.class,
                () -> token.importCertificateChain("import", List.of(foreign, ca.certificate())));
        assertEquals(TokenException.Code.CERTIFICATE_MISMATCH, refused.code());
        assertTrue(refused.getMessage().contains("does not match key 'import'"), refused.getMessage());

        X509Certificate leaf = ca.issue("viss-client").client().certify(key.publicKey());
        token.importCertificateChain("import", List.of(leaf, ca.certificate()));
        assertEquals(leaf, token.certificateChain("import").get(0));
        KeyInfo listed = token.listKeys().stream().filter(k -> k.label().equals("import")).findFirst().orElseThrow();
        assertEquals(leaf.getNotAfter().toInstant(), listed.notAfter().orElseThrow());
        assertEquals(KeySpec.EC_P256, listed.spec());
    }

    @Test
    void deletesKey() {
        token.generateKeyPair("doomed", KeySpec.EC_P256);
        token.deleteKey("doomed");
        assertFalse(token.listKeys().stream().anyMatch(k -> k.label().equals("doomed")));
        assertEquals(TokenException.Code.KEY_NOT_FOUND,
                assertThrows(TokenException.class, () -> token.certificateChain("doomed")).code());
        assertEquals(TokenException.Code.KEY_EXISTS, assertThrows(TokenException.class, () -> {
            token.generateKeyPair("twice", KeySpec.EC_P256);
            token.generateKeyPair("twice", KeySpec.EC_P256);
        }).code());
    }

    @Test
    void opensTheSameTokenBySerial() {
        String serial = TokenObjects.serialOf(settings);
        Path pinFile = ((lv.sargs.hsm.PinSource.File) settings.pin()).path();
        try (Token bySerial = Tokens.open(SoftHsmTokens.settings(Optional.empty(), Optional.of(serial), pinFile))) {
            assertTrue(bySerial.health().usable());
            assertTrue(bySerial.name().contains(serial), bySerial.name());
        }
    }

    @Test
    void refusesUnknownTokenListingThosePresent() {
        Path pinFile = ((lv.sargs.hsm.PinSource.File) settings.pin()).path();
        TokenException e = assertThrows(TokenException.class,
                () -> Tokens.open(SoftHsmTokens.settings(Optional.of("no-such-token"), Optional.empty(), pinFile)));
        assertEquals(TokenException.Code.CONFIGURATION, e.code());
        assertTrue(e.getMessage().contains("no initialised token with label 'no-such-token'"), e.getMessage());
        assertTrue(e.getMessage().contains(settings.tokenLabel().orElseThrow()), e.getMessage());
    }

    @Test
    void refusesPinFileReadableByOthers() throws Exception {
        Path loose = SoftHsmTokens.pinFile(SoftHsm2.fromEnvironment(), "loose", SoftHsmTokens.PIN);
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));
        TokenException e = assertThrows(TokenException.class,
                () -> Tokens.open(SoftHsmTokens.settings(settings.tokenLabel(), Optional.empty(), loose)));
        assertEquals(TokenException.Code.CONFIGURATION, e.code());
        assertTrue(e.getMessage().contains("rw-r--r--"), e.getMessage());
        assertFalse(e.getMessage().contains(SoftHsmTokens.PIN));
    }

    @Test
    void refusesProbeIntervalThatCannotNoticeAFailureWithinTwoSeconds() {
        Pkcs11Settings slow = new Pkcs11Settings(settings.library(), settings.tokenLabel(), Optional.empty(),
                settings.pin(), 8, java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5));
        TokenException e = assertThrows(TokenException.class, () -> Tokens.open(slow));
        assertEquals(TokenException.Code.CONFIGURATION, e.code());
        assertTrue(e.getMessage().endsWith("probeInterval PT5S (expected: more than 0, at most PT2S, to notice a failed token within 2 s)"),
                e.getMessage());
    }
}
