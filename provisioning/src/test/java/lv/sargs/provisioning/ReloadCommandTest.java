package lv.sargs.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import lv.sargs.gateway.Gateway;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sargs-admin reload} against a gateway whose management listener is on mutual TLS: it
 * presents the operator's client certificate as {@code sargs-console} does, and the gateway reloads
 * only for a declared client with role {@code operator}.
 */
class ReloadCommandTest {

    @TempDir
    Path dir;

    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.stop();
        }
    }

    @Test
    void reloadsForAnOperatorCertificateOnlyOverTls() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("Bank Operations CA");
        Token token = Tokens.demo();
        KeyInfo key = token.generateKeyPair("sargs-listener", KeySpec.EC_P256);
        X509Certificate server = ca.issue("localhost").server("localhost", "127.0.0.1").certify(key.publicKey());
        token.importCertificateChain("sargs-listener", List.of(server));
        Files.writeString(dir.resolve("listener-chain.pem"), AdminRun.pem(server));
        ca.writeCertificatePem(dir.resolve("ca.pem"));
        HeldCertificate operator = ca.issue("ilze").client().build();
        HeldCertificate application = ca.issue("lending").client().build();
        Files.createDirectories(dir.resolve("data"));
        Path config = dir.resolve("sargs.yaml");
        Files.writeString(config, TestConfigs.listeners(dir, "ca.pem", 0).replace(
                "management: {bind: \"127.0.0.1:0\", allowList: [127.0.0.1/32]}",
                "management: {bind: \"127.0.0.1:0\", allowList: [127.0.0.1/32], tls: {keyLabel: sargs-listener,"
                        + " certificateChain: " + dir + "/listener-chain.pem, clientCa: " + dir + "/ca.pem,"
                        + " protocols: [TLSv1.3]}}").replace("clients: []\n", """
                clients:
                  - {name: ilze-console, certificate: {sha256: "%s"}, sources: [127.0.0.1/32], roles: [operator],
                     purposes: [kyc]}
                  - {name: lending, certificate: {sha256: "%s"}, sources: [127.0.0.1/32], roles: [lookup],
                     purposes: [kyc]}
                """.formatted(sha256(operator), sha256(application))) + """
                token: {demo: true}
                dataDirectory: %1$s/data
                shutdown: {grace: 1s}
                """.formatted(dir));
        gateway = Gateway.start(ConfigLoader.system().load(config), config.toString(), token);
        String url = "https://127.0.0.1:" + gateway.managementAddress().getPort();

        AdminRun withoutCertificate = AdminRun.of("reload", "--config", config.toString(), "--management-url", url);
        assertEquals(1, withoutCertificate.exit());
        assertTrue(withoutCertificate.err().contains("--client-keystore with an operator client certificate"),
                withoutCertificate.err());

        AdminRun lacksRole = AdminRun.of("reload", "--config", config.toString(), "--management-url", url,
                "--client-keystore", keystore(application).toString(), "--trust-ca", dir.resolve("ca.pem").toString());
        assertEquals(1, lacksRole.exit(), lacksRole.out());
        assertTrue(lacksRole.err().contains("Client 'lending' lacks the role 'operator'"), lacksRole.err());

        AdminRun reloaded = AdminRun.of("reload", "--config", config.toString(), "--management-url", url,
                "--client-keystore", keystore(operator).toString(), "--trust-ca", dir.resolve("ca.pem").toString());
        assertEquals(0, reloaded.exit(), reloaded.err());
        assertTrue(reloaded.out().contains("2 client(s)"), reloaded.out());
    }

    /** The PKCS#12 file of {@code held}, with the empty password (SARGS_ADMIN_KEYSTORE_PASSWORD unset). */
    private Path keystore(HeldCertificate held) throws Exception {
        Path file = dir.resolve(held.certificate().getSubjectX500Principal().getName().hashCode() + ".p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            held.keyStore("operator", new char[0]).store(out, new char[0]);
        }
        return file;
    }

    private static String sha256(HeldCertificate held) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(held.certificate().getEncoded()));
    }
}
