package lv.sargs.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import lv.sargs.gateway.Gateway;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clients} and {@code allow-list} write validated drop-ins, and {@code reload} has a running
 * gateway (demo token, loopback) take them: a client added gets in, a client removed is refused.
 */
class ClientsCommandTest {

    @TempDir
    Path dir;

    private CertificateAuthority ca;
    private Path config;
    private Gateway gateway;
    private Token token;

    @BeforeEach
    void config() throws Exception {
        ca = CertificateAuthority.create("Bank Clients CA");
        token = Tokens.demo();
        KeyInfo key = token.generateKeyPair("sargs-listener", KeySpec.EC_P256);
        X509Certificate server = ca.issue("localhost").server("localhost", "127.0.0.1").certify(key.publicKey());
        token.importCertificateChain("sargs-listener", List.of(server));
        Files.writeString(dir.resolve("listener-chain.pem"), AdminRun.pem(server));
        ca.writeCertificatePem(dir.resolve("clients-ca.pem"));
        Files.createDirectories(dir.resolve("data"));
        config = dir.resolve("sargs.yaml");
        Files.writeString(config, TestConfigs.listeners(dir, "clients-ca.pem", freePort()) + """
                token: {demo: true}
                dataDirectory: %1$s/data
                shutdown: {grace: 1s}
                """.formatted(dir));
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.stop();
        } else {
            token.close();
        }
    }

    @Test
    void addsAClientTheRunningGatewayLetsInOnReloadAndRemovesIt() throws Exception {
        gateway = Gateway.start(ConfigLoader.system().load(config), config.toString(), token);
        HeldCertificate lending = ca.issue("lending").client().build();
        Path pem = dir.resolve("lending.pem");
        Files.writeString(pem, lending.certificatePem());
        assertEquals(403, whoami(lending));

        AdminRun added = AdminRun.of("clients", "--config", config.toString(), "add", "--name", "lending",
                "--certificate", pem.toString(), "--source", "127.0.0.1/32", "--role", "lookup", "--purpose", "lending");
        assertEquals(0, added.exit(), added.err());
        assertTrue(Files.isRegularFile(dir.resolve("clients.d/lending.yaml")));
        AdminRun listed = AdminRun.of("clients", "--config", config.toString(), "list");
        assertTrue(listed.out().contains("lending") && listed.out().contains("clients.d/lending.yaml"), listed.out());

        AdminRun reloaded = AdminRun.of("reload", "--config", config.toString());
        assertEquals(0, reloaded.exit(), reloaded.err());
        assertTrue(reloaded.out().contains("1 client(s)"), reloaded.out());
        assertEquals(200, whoami(lending));

        AdminRun removed = AdminRun.of("clients", "--config", config.toString(), "remove", "--name", "lending");
        assertEquals(0, removed.exit(), removed.err());
        assertFalse(Files.exists(dir.resolve("clients.d/lending.yaml")));
        assertEquals(0, AdminRun.of("reload", "--config", config.toString()).exit());
        assertEquals(403, whoami(lending));
    }

    @Test
    void refusesAClientTheConfigWouldNotAcceptAndWritesNothing() {
        AdminRun refused = AdminRun.of("clients", "--config", config.toString(), "add", "--name", "lending",
                "--sha256", "AB".repeat(32), "--source", "10.30.1.0/24", "--role", "lookup", "--purpose", "lending");

        assertEquals(SargsAdmin.CONFIG_INVALID, refused.exit());
        assertTrue(refused.err().contains("clients.d/lending.yaml: clients[0].sources[0]: 10.30.1.0/24 (expected: a block"
                + " inside listeners.client.allowList"), refused.err());
        assertFalse(Files.exists(dir.resolve("clients.d/lending.yaml")));
    }

    @Test
    void anAllowListBlockMakesRoomForAClientAndCannotBeRemovedUnderIt() throws Exception {
        assertEquals(0, AdminRun.of("allow-list", "--config", config.toString(), "add", "10.30.0.0/16").exit());
        AdminRun added = AdminRun.of("clients", "--config", config.toString(), "add", "--name", "lending",
                "--sha256", "AB".repeat(32), "--source", "10.30.1.0/24", "--role", "lookup", "--purpose", "lending");
        assertEquals(0, added.exit(), added.err());
        String before = Files.readString(dir.resolve("clients.d/allow-list.yaml"));

        AdminRun refused = AdminRun.of("allow-list", "--config", config.toString(), "remove", "10.30.0.0/16");

        assertEquals(SargsAdmin.CONFIG_INVALID, refused.exit());
        assertTrue(refused.err().contains("clients.d/lending.yaml: clients[0].sources[0]"), refused.err());
        assertEquals(before, Files.readString(dir.resolve("clients.d/allow-list.yaml")));
        AdminRun listed = AdminRun.of("allow-list", "--config", config.toString(), "list");
        assertTrue(listed.out().contains("10.30.0.0/16") && listed.out().contains("clients.d/allow-list.yaml"),
                listed.out());
        assertEquals(SargsAdmin.USAGE, AdminRun.of("allow-list", "--config", config.toString(), "add", "10.0.0.0/33").exit());
    }

    private int whoami(HeldCertificate client) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(client.keyStore("client", "x".toCharArray()), "x".toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
        return http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + gateway.clientAddress().getPort()
                + "/v1/whoami")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static int freePort() throws Exception {
        // The management port goes into the config file the reload command reads, so it must be known.
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
