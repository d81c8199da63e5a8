package lv.sargs.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.TimeUnit;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin tool against a real SoftHSM2 token: the first-boot key ceremony, end to end. */
class SargsAdminTest {

    private static final String PIN = AdminTokens.PIN;
    private static Path config;

    @TempDir
    static Path dir;

    @BeforeAll
    static void token() throws IOException {
        config = dir.resolve("sargs.yaml");
        // Only the token section matters to the key commands: at first boot the listener's
        // certificate, which the rest of the file names, does not exist yet.
        Files.writeString(config, "version: 1\n" + AdminTokens.section(AdminTokens.fresh()));
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run admin(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SargsAdmin.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void generatesAKeyOnTheTokenWritesAVerifiableCsrAndImportsItsChain() throws Exception {
        Run generated = admin("keys", "--config", config.toString(), "generate", "--label", "viss-client", "--type", "RSA_2048");
        assertEquals(0, generated.exit(), generated.err());

        Path csr = dir.resolve("viss-client.csr");
        Run wrote = admin("keys", "--config", config.toString(), "csr", "--label", "viss-client",
                "--subject", "CN=sargs.bank.test,O=Bank,C=LV", "--dns", "sargs.bank.test", "--out", csr.toString());
        assertEquals(0, wrote.exit(), wrote.err());
        Process verify = new ProcessBuilder("openssl", "req", "-verify", "-noout", "-in", csr.toString())
                .redirectErrorStream(true).start();
        String opensslSaid = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(verify.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, verify.exitValue(), opensslSaid);

        CertificateAuthority ca = CertificateAuthority.create("VDAA Test CA");
        Path chain = dir.resolve("viss-client-chain.pem");
        Files.writeString(chain, pem(ca.issue("sargs.bank.test").client().certify(publicKeyOf(csr))) + ca.certificatePem());
        Run imported = admin("keys", "--config", config.toString(), "import", "--label", "viss-client", "--chain", chain.toString());
        assertEquals(0, imported.exit(), imported.err());

        Run listed = admin("keys", "--config", config.toString(), "list");
        assertEquals(0, listed.exit(), listed.err());
        assertTrue(listed.out().contains("viss-client"), listed.out());
        assertTrue(listed.out().contains("CN=sargs.bank.test"), listed.out());
    }

    @Test
    void refusesACertificateThatIsNotTheKeysAndNamesTheMismatch() throws Exception {
        assertEquals(0, admin("keys", "--config", config.toString(), "generate", "--label", "eks", "--type", "EC_P256").exit());
        HeldCertificate other = CertificateAuthority.create("Other CA").issue("someone-else").client().build();
        Path chain = dir.resolve("other.pem");
        Files.writeString(chain, other.chainPem());

        Run refused = admin("keys", "--config", config.toString(), "import", "--label", "eks", "--chain", chain.toString());

        assertEquals(SargsAdmin.TOKEN_FAILED, refused.exit());
        assertTrue(refused.err().contains("does not match"), refused.err());
        assertFalse(refused.err().contains(PIN), "the PIN must never be printed");
    }

    @Test
    void deletesAKeyOnlyWhenConfirmed() {
        assertEquals(0, admin("keys", "--config", config.toString(), "generate", "--label", "old", "--type", "EC_P256").exit());

        assertEquals(SargsAdmin.USAGE, admin("keys", "--config", config.toString(), "delete", "--label", "old").exit());
        assertEquals(0, admin("keys", "--config", config.toString(), "delete", "--label", "old", "--yes").exit());

        assertFalse(admin("keys", "--config", config.toString(), "list").out().contains("old "));
    }

    @Test
    void checkListsEveryProblemOfABrokenConfigWithExitCode2() throws Exception {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, """
                version: 1
                listeners:
                  client:
                    bind: 0.0.0.0:8443
                    allowList: [10.0.0.0/33]
                clients: []
                token: {demo: true}
                dataDirectory: /nonexistent/sargs
                shutdown: {grace: 20s}
                """);

        Run checked = admin("check", "--config", broken.toString());

        assertEquals(SargsAdmin.CONFIG_INVALID, checked.exit());
        assertTrue(checked.err().contains("listeners.client.allowList[0]: 10.0.0.0/33 (expected: prefix 0-32)"), checked.err());
        assertTrue(checked.err().contains("dataDirectory"), checked.err());
        assertTrue(checked.err().contains("listeners.management"), checked.err());
    }

    private static PublicKey publicKeyOf(Path csrFile) throws Exception {
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(csrFile)))) {
            return new JcaPKCS10CertificationRequest((PKCS10CertificationRequest) parser.readObject()).getPublicKey();
        }
    }

    private static String pem(java.security.cert.X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
