package lv.sargs.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import lv.sargs.gateway.config.ConfigFixture;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.gateway.config.ReloadOutcome;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.testkit.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running gateway reloads its client drop-ins: new clients get in, removed ones lose their open
 * connections, everyone else keeps theirs, and a drop-in with a problem changes nothing.
 */
class ConfigReloadTest {

    @TempDir
    Path dir;

    private ConfigFixture fixture;
    private Gateway gateway;
    private Path dropIns;
    private HeldCertificate lending;

    @BeforeEach
    void start() throws Exception {
        fixture = new ConfigFixture(dir);
        Token token = Tokens.demo();
        KeyInfo key = token.generateKeyPair("sargs-listener", KeySpec.EC_P256);
        X509Certificate server = fixture.ca.issue("localhost").server("localhost", "127.0.0.1").certify(key.publicKey());
        token.importCertificateChain("sargs-listener", List.of(server));
        Files.writeString(fixture.serverChain, pem(server));
        Path file = fixture.write();
        dropIns = Files.createDirectories(dir.resolve(ConfigLoader.DROP_INS));
        GatewayConfig config = ConfigLoader.with(Clock.systemUTC(), Map.of()).load(file);
        gateway = Gateway.start(config, file.toString(), token, ClientListenerWiring::start);
        lending = fixture.ca.issue("lending").client().build();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.stop();
        }
    }

    @Test
    void aNewClientGetsInAndAnotherClientsOpenConnectionStays() throws Exception {
        try (KeptConnection core = KeptConnection.open(tls(fixture.client), gateway)) {
            assertTrue(core.get("/v1/whoami").contains("\"name\":\"core-banking\""));
            assertEquals(403, status(lending, "/v1/whoami"), "not declared yet");

            declareLending();
            ReloadOutcome outcome = gateway.reload().get(30, TimeUnit.SECONDS);

            assertTrue(outcome.applied(), outcome.toString());
            assertEquals(2, outcome.clients());
            assertEquals(0, outcome.closedConnections());
            assertEquals(200, status(lending, "/v1/whoami"));
            assertTrue(core.get("/v1/whoami").contains("\"name\":\"core-banking\""), "the open connection stayed");
        }
    }

    @Test
    void aRemovedClientsOpenConnectionIsClosedAndTheOthersStay() throws Exception {
        declareLending();
        assertTrue(gateway.reload().get(30, TimeUnit.SECONDS).applied());
        try (KeptConnection core = KeptConnection.open(tls(fixture.client), gateway);
             KeptConnection removed = KeptConnection.open(tls(lending), gateway)) {
            assertTrue(removed.get("/v1/whoami").contains("\"name\":\"lending\""));
            core.get("/v1/whoami");

            Files.delete(dropIns.resolve("lending.yaml"));
            ReloadOutcome outcome = gateway.reload().get(30, TimeUnit.SECONDS);

            assertTrue(outcome.applied(), outcome.toString());
            assertEquals(1, outcome.closedConnections());
            assertTrue(removed.closedByGateway(), "the removed client's connection is closed");
            assertTrue(core.get("/v1/whoami").contains("\"name\":\"core-banking\""), "the other client's stayed");
            assertEquals(403, status(lending, "/v1/whoami"));
        }
    }

    @Test
    void aDropInWithAProblemIsRefusedNamingItAndChangesNothing() throws Exception {
        GatewayConfig before = gateway.config();
        Files.writeString(dropIns.resolve("bad.yaml"), """
                clients:
                  - name: lending
                    certificate: {sha256: "%s"}
                    sources: [10.0.0.0/33]
                    roles: [lookup]
                    purposes: [kyc]
                """.formatted(fingerprint(lending)));
        try (KeptConnection core = KeptConnection.open(tls(fixture.client), gateway)) {
            core.get("/v1/whoami");

            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + gateway.managementAddress().getPort() + "/v1/config/reload"))
                    .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(422, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("config-rejected"), answer.body());
            assertTrue(answer.body().contains("clients.d/bad.yaml: clients[0].sources[0]: 10.0.0.0/33"
                    + " (expected: prefix 0-32)"), answer.body());
            assertTrue(answer.body().contains("the running config is unchanged"), answer.body());
            assertEquals(before, gateway.config());
            assertTrue(core.get("/v1/whoami").contains("\"name\":\"core-banking\""));
            assertEquals(403, status(lending, "/v1/whoami"));
        }
    }

    @Test
    void aChangeThatTakesARestartIsRefused() throws Exception {
        Files.writeString(Path.of(gateway.config().dataDirectory().getParent().toString(), "sargs.yaml"),
                fixture.yaml().replace("grace: 5s", "grace: 6s"));

        ReloadOutcome outcome = gateway.reload().get(30, TimeUnit.SECONDS);

        assertFalse(outcome.applied());
        assertTrue(outcome.message().contains("shutdown changed, which takes a restart"), outcome.message());
    }

    private void declareLending() throws Exception {
        Files.writeString(dropIns.resolve("lending.yaml"), """
                clients:
                  - name: lending
                    certificate: {sha256: "%s"}
                    sources: [127.0.0.1/32]
                    roles: [lookup]
                    purposes: [lending]
                """.formatted(fingerprint(lending)));
    }

    private int status(HeldCertificate client, String path) throws Exception {
        try (KeptConnection c = KeptConnection.open(tls(client), gateway)) {
            String answer = c.get(path);
            return Integer.parseInt(answer.substring(9, 12));
        }
    }

    private SSLContext tls(HeldCertificate client) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(client.keyStore("client", "x".toCharArray()), "x".toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", fixture.ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return tls;
    }

    private static String fingerprint(HeldCertificate c) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(c.certificate().getEncoded()));
    }

    private static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    /** One kept-alive HTTP/1.1 connection over TLS, so a test can see it survive (or not) a reload. */
    private record KeptConnection(SSLSocket socket) implements AutoCloseable {

        static KeptConnection open(SSLContext tls, Gateway gateway) throws IOException {
            SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", gateway.clientAddress().getPort());
            s.setSoTimeout(10_000);
            s.startHandshake();
            return new KeptConnection(s);
        }

        /** The status line and body of one GET on this connection. */
        String get(String path) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed by the gateway after: " + head);
                }
                head.append((char) b);
            }
            int length = 0;
            for (String line : head.toString().split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).strip());
                }
            }
            return head.toString().lines().findFirst().orElse("") + "\n"
                    + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }

        /** Whether the gateway closed this connection (end of stream within the read timeout). */
        boolean closedByGateway() {
            try {
                return socket.getInputStream().read() < 0;
            } catch (IOException e) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
