package lv.sargs.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import lv.sargs.gateway.config.ConfigFixture;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.gateway.config.ReloadOutcome;
import lv.sargs.hsm.Token;
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
        Token token = fixture.demoTokenWithListenerKey();
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
        try (KeptConnection core = KeptConnection.open(tls(fixture.client), gateway.clientAddress().getPort())) {
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
        try (KeptConnection core = KeptConnection.open(tls(fixture.client), gateway.clientAddress().getPort());
             KeptConnection removed = KeptConnection.open(tls(lending), gateway.clientAddress().getPort())) {
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
        try (KeptConnection core = KeptConnection.open(tls(fixture.client), gateway.clientAddress().getPort())) {
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
        try (KeptConnection c = KeptConnection.open(tls(client), gateway.clientAddress().getPort())) {
            String answer = c.get(path);
            return Integer.parseInt(answer.substring(9, 12));
        }
    }

    private SSLContext tls(HeldCertificate client) throws Exception {
        return KeptConnection.tls(fixture.ca, client);
    }

    private static String fingerprint(HeldCertificate c) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(c.certificate().getEncoded()));
    }
}
