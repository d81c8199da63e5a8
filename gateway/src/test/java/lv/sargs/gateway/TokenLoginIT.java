package lv.sargs.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import lv.sargs.gateway.config.ConfigFixture;
import lv.sargs.testkit.SoftHsm2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production entry point against a SoftHSM2 token: a refused PIN or a missing key stops start-up before any port is bound. */
class TokenLoginIT {

    private static final String USER_PIN = "4711-user";

    @TempDir
    Path dir;

    @Test
    void aRefusedPinStopsStartUpNamingTheTokenNeverThePin() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        String label = SoftHsm2.fromEnvironment().initToken("gw-login", USER_PIN);
        Path config = f.write(pkcs11Config(f, label, "0000-wrong"));

        try (GatewayProcess gateway = GatewayProcess.start(Main.class, "--config", config.toString())) {
            assertEquals(3, gateway.awaitExit(30), gateway.output());
            String out = gateway.output();
            assertTrue(out.contains("start-up failed") && out.contains(label), out);
            assertTrue(out.contains("LOGIN_FAILED"), out);
            assertFalse(out.contains("0000-wrong"), "the PIN never appears in the output");
        }
        assertPortFree(f.clientPort);
        assertPortFree(f.managementPort);
    }

    @Test
    void aTokenWithoutTheListenerKeyStopsStartUpNamingTheKey() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        String label = SoftHsm2.fromEnvironment().initToken("gw-nokey", USER_PIN);
        Path config = f.write(pkcs11Config(f, label, USER_PIN));

        try (GatewayProcess gateway = GatewayProcess.start(Main.class, "--config", config.toString())) {
            assertEquals(3, gateway.awaitExit(30), gateway.output());
            assertTrue(gateway.output().contains("listeners.client.tls.keyLabel: sargs-listener (expected: a key with"
                    + " this label on"), gateway.output());
            assertFalse(gateway.output().contains(USER_PIN), "the PIN never appears in the output");
        }
        assertPortFree(f.clientPort);
        assertPortFree(f.managementPort);
    }

    private String pkcs11Config(ConfigFixture f, String label, String pin) throws IOException {
        f.clientPort = freePort();
        f.managementPort = freePort();
        Path pinFile = dir.resolve("token.pin");
        Files.deleteIfExists(pinFile);
        Files.createFile(pinFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(pinFile, pin + "\n");
        return f.yaml().replace("token:\n  demo: true\n", """
                token:
                  pkcs11:
                    library: %s
                    tokenLabel: %s
                    pin:
                      file: %s
                    queueCapacity: 8
                    operationDeadline: 5s
                    probeInterval: 1s
                """.formatted(SoftHsm2.library(), label, pinFile));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static void assertPortFree(int port) throws IOException {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, s.getLocalPort());
        }
    }
}
