package lv.sargs.hsm.cms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.OpenSsl;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.SoftHsmTokens;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CmsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final byte[] REPORT = ("ORG_KODS=123\nDATUMS=20261031\nIESN_DAT=20261121\nPERSONA=Jānis Bērziņš\n"
            + "TALRUNIS=+37100000000\nEPASTS=stat@bank.lv\n").getBytes(StandardCharsets.UTF_8);

    private static Token token;
    private static CertificateAuthority ca;
    private static HeldCertificate rsaRecipient;
    private static HeldCertificate ecRecipient;

    @TempDir
    Path dir;

    @BeforeAll
    static void openToken() {
        token = Tokens.open(SoftHsmTokens.fresh());
        ca = CertificateAuthority.create("Sargs Test CA");
        rsaRecipient = ca.issue("Latvijas Banka RSA").cms().keyType(CertificateAuthority.KeyType.RSA_2048).build();
        ecRecipient = ca.issue("Latvijas Banka EC").cms().keyType(CertificateAuthority.KeyType.EC_P384).build();
    }

    @AfterAll
    static void closeToken() {
        token.close();
    }

    private static List<X509Certificate> tokenKey(String label, KeySpec spec) {
        KeyInfo key = token.generateKeyPair(label, spec);
        X509Certificate leaf = ca.issue(label).cms().certify(key.publicKey());
        token.importCertificateChain(label, List.of(leaf, ca.certificate()));
        return List.of(leaf, ca.certificate());
    }

    @Test
    void signedThenEncryptedP7mDecryptsAndVerifiesWithOpenssl() throws Exception {
        ca.writeCertificatePem(dir.resolve("ca.pem"));
        rsaRecipient.writePem(dir.resolve("rsa.pem"), dir.resolve("rsa.key"));
        ecRecipient.writePem(dir.resolve("ec.pem"), dir.resolve("ec.key"));
        CmsEncryptor toBoth = new CmsEncryptor(List.of(rsaRecipient.certificate(), ecRecipient.certificate()));
        for (KeySpec spec : List.of(KeySpec.RSA_2048, KeySpec.EC_P384)) {
            String label = "stat-" + spec;
            SignatureAlgorithm algorithm = spec == KeySpec.RSA_2048
                    ? SignatureAlgorithm.SHA256_WITH_RSA : SignatureAlgorithm.SHA256_WITH_ECDSA;
            CmsSigner signer = new CmsSigner(token, label, algorithm, tokenKey(label, spec), TIMEOUT);
            Path p7m = dir.resolve(label + ".p7m");
            try (OutputStream out = Files.newOutputStream(p7m)) {
                SignedEnvelopes.signThenEncrypt(new ByteArrayInputStream(REPORT), out, signer, toBoth);
            }
            for (String recipient : List.of("rsa", "ec")) {
                OpenSsl.run(dir, "cms", "-decrypt", "-binary", "-inform", "DER", "-in", p7m.toString(),
                        "-recip", recipient + ".pem", "-inkey", recipient + ".key", "-out", "signed.der");
                OpenSsl.run(dir, "cms", "-verify", "-binary", "-inform", "DER", "-in", "signed.der",
                        "-CAfile", "ca.pem", "-out", "content.txt");
                assertArrayEquals(REPORT, Files.readAllBytes(dir.resolve("content.txt")), label + " to " + recipient);
            }
        }
    }

    @Test
    void detachedSignatureVerifiesWithOpenssl() throws Exception {
        ca.writeCertificatePem(dir.resolve("ca.pem"));
        Files.write(dir.resolve("report.txt"), REPORT);
        for (SignatureAlgorithm algorithm : List.of(SignatureAlgorithm.SHA256_WITH_RSA, SignatureAlgorithm.RSASSA_PSS_SHA256)) {
            String label = "detached-" + algorithm.joseName();
            CmsSigner signer = new CmsSigner(token, label, algorithm, tokenKey(label, KeySpec.RSA_2048), TIMEOUT);
            Files.write(dir.resolve("report.sig"), signer.sign(REPORT, false));
            OpenSsl.run(dir, "cms", "-verify", "-binary", "-inform", "DER", "-in", "report.sig",
                    "-content", "report.txt", "-CAfile", "ca.pem", "-out", "/dev/null");
        }
    }

    @Test
    void decryptsWithTokenRsaKeyWhatOpensslAndCmsEncryptorEncrypted() throws Exception {
        List<X509Certificate> chain = tokenKey("reply", KeySpec.RSA_2048);
        Files.write(dir.resolve("reply.txt"), REPORT);
        Files.writeString(dir.resolve("reply.pem"), "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(chain.get(0).getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        OpenSsl.run(dir, "cms", "-encrypt", "-binary", "-aes256", "-in", "reply.txt", "-outform", "DER",
                "-out", "reply.p7m", "reply.pem");
        CmsDecryptor decryptor = new CmsDecryptor(token, "reply", chain.get(0), TIMEOUT);

        assertArrayEquals(REPORT, decryptor.decrypt(Files.readAllBytes(dir.resolve("reply.p7m"))));
        byte[] ours = new CmsEncryptor(List.of(rsaRecipient.certificate(), chain.get(0))).encrypt(REPORT);
        assertArrayEquals(REPORT, decryptor.decrypt(ours));
    }

    @Test
    void refusesMessageNotEncryptedToTheKey() throws Exception {
        List<X509Certificate> chain = tokenKey("not-addressed", KeySpec.RSA_2048);
        byte[] forSomeoneElse = new CmsEncryptor(List.of(rsaRecipient.certificate())).encrypt(REPORT);
        TokenException e = assertThrows(TokenException.class,
                () -> new CmsDecryptor(token, "not-addressed", chain.get(0), TIMEOUT).decrypt(forSomeoneElse));
        assertEquals(TokenException.Code.KEY_NOT_FOUND, e.code());
        assertTrue(e.getMessage().contains("not encrypted to key 'not-addressed'"), e.getMessage());
    }
}
