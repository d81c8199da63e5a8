package lv.sargs.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import lv.sargs.gateway.config.ConfigFixture;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.hsm.Token;
import lv.sargs.testkit.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The management listener over mutual TLS follows a config reload as the client listener does: an
 * operator declared by a reload acts at once, and one removed by a reload is refused at once, on a
 * new connection and on the next request of a connection opened before.
 */
class ManagementReloadTest {

    @TempDir
    Path dir;

    private ConfigFixture fixture;
    private Gateway gateway;
    private Path dropIns;
    private HeldCertificate ilze;

    @BeforeEach
    void start() throws Exception {
        fixture = new ConfigFixture(dir);
        Token token = fixture.demoTokenWithListenerKey();
        // The management listener on TLS with the listener's key, trusting the clients' CA.
        String managementTls = """
                    allowList: [127.0.0.1/32]
                    tls:
                      keyLabel: sargs-listener
                      certificateChain: %s
                      clientCa: %s
                      protocols: [TLSv1.3]
                clients:
                """.formatted(fixture.serverChain, fixture.clientCa);
        String yaml = fixture.yaml().replaceFirst("(?m)^    allowList: \\[127\\.0\\.0\\.1/32\\]\\nclients:\\n",
                java.util.regex.Matcher.quoteReplacement(managementTls));
        assertTrue(yaml.contains("clientCa: " + fixture.clientCa + "\n      protocols: [TLSv1.3]"), yaml);
        Path file = fixture.write(yaml);
        dropIns = Files.createDirectories(dir.resolve(ConfigLoader.DROP_INS));
        GatewayConfig config = ConfigLoader.with(Clock.systemUTC(), Map.of()).load(file);
        gateway = Gateway.start(config, file.toString(), token, ClientListenerWiring::start);
        ilze = fixture.ca.issue("ilze").client().build();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.stop();
        }
    }

    @Test
    void anOperatorAddedByAReloadActsWithoutARestart() throws Exception {
        assertTrue(reloadAsIlze().contains("client-not-declared"), "not declared yet");

        declareIlze();
        assertTrue(gateway.reload().get(30, TimeUnit.SECONDS).applied());

        String answer = reloadAsIlze();
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
    }

    @Test
    void anOperatorRemovedByAReloadIsRefusedAtOnceOnNewAndOpenConnections() throws Exception {
        declareIlze();
        assertTrue(gateway.reload().get(30, TimeUnit.SECONDS).applied());
        try (KeptConnection open = KeptConnection.open(tls(ilze), gateway.managementAddress().getPort())) {
            assertTrue(open.post("/v1/config/reload").startsWith("HTTP/1.1 200"), "an operator before the reload");

            Files.delete(dropIns.resolve("ilze.yaml"));
            assertTrue(gateway.reload().get(30, TimeUnit.SECONDS).applied());

            String sameConnection = open.post("/v1/config/reload");
            assertTrue(sameConnection.startsWith("HTTP/1.1 403"), sameConnection);
            assertTrue(sameConnection.contains("client-not-declared"), sameConnection);
        }
        String newConnection = reloadAsIlze();
        assertTrue(newConnection.startsWith("HTTP/1.1 403"), newConnection);
        assertTrue(newConnection.contains("client-not-declared"), newConnection);
    }

    private String reloadAsIlze() throws Exception {
        try (KeptConnection c = KeptConnection.open(tls(ilze), gateway.managementAddress().getPort())) {
            return c.post("/v1/config/reload");
        }
    }

    private void declareIlze() throws Exception {
        Files.writeString(dropIns.resolve("ilze.yaml"), """
                clients:
                  - name: ilze-console
                    certificate: {sha256: "%s"}
                    sources: [127.0.0.1/32]
                    roles: [operator]
                    purposes: [operations]
                """.formatted(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(ilze.certificate().getEncoded()))));
    }

    private SSLContext tls(HeldCertificate client) throws Exception {
        return KeptConnection.tls(fixture.ca, client);
    }
}
