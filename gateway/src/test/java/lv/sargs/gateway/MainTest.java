package lv.sargs.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import lv.sargs.gateway.config.ConfigFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    private final AtomicBoolean clientStarted = new AtomicBoolean();

    private int run(String... args) {
        return Main.run(args, Gateway::openToken, context -> {
            clientStarted.set(true);
            return SlowHttpService.start(context);
        }, err);
    }

    private String stderr() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void daemonRefusesTheDemoTokenAsAConfigErrorAndBindsNothing() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        f.clientPort = freePort();
        f.managementPort = freePort();
        Path file = f.write(f.yaml());

        int code = Main.run(new String[] {"--config", file.toString()}, Main::openDaemonToken, context -> {
            clientStarted.set(true);
            return SlowHttpService.start(context);
        }, err);

        assertEquals(2, code);
        assertTrue(stderr().contains("token.demo: true (expected: a pkcs11 token; the demo token keeps its keys in"
                + " memory and is only for the sandbox's demo launcher)"), stderr());
        assertFalse(clientStarted.get());
        assertPortFree(f.clientPort);
        assertPortFree(f.managementPort);
    }

    @Test
    void invalidConfigListsEveryProblemExitsTwoAndBindsNothing() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        f.clientPort = freePort();
        f.managementPort = freePort();
        Path file = f.write(f.yaml()
                .replace("allowList: [127.0.0.1/32]\nclients:", "allowList: [127.0.0.1/32, 10.0.0.0/33]\nclients:")
                .replace("maxBodySize: 1MiB", "maxBodySize: 1MB")
                .replace("grace: 5s", "grace: 5s\n  hardStop: 1s"));

        assertEquals(2, run("--config", file.toString()));

        String out = stderr();
        assertTrue(out.contains("3 problems"), out);
        assertTrue(out.contains("  listeners.client.limits.maxBodySize: 1MB (expected: a size 0B to 1GiB, written like 512B, 16KiB or 10MiB)"), out);
        assertTrue(out.contains("  listeners.management.allowList[1]: 10.0.0.0/33 (expected: prefix 0-32)"), out);
        assertTrue(out.contains("  shutdown.hardStop: (unknown key) (expected: one of grace)"), out);
        assertFalse(clientStarted.get());
        assertPortFree(f.clientPort);
        assertPortFree(f.managementPort);
    }

    @Test
    void requiresAnExplicitConfigPath() {
        assertEquals(64, run());
        assertTrue(stderr().contains("the config file must be named explicitly"), stderr());
        assertTrue(stderr().contains("usage: sargs-gateway --config <path to sargs.yaml>"), stderr());
    }

    @Test
    void aMissingConfigFileIsAConfigError() {
        assertEquals(2, run("--config", dir.resolve("nope.yaml").toString()));
        assertTrue(stderr().contains("nope.yaml: no such file"), stderr());
    }

    @Test
    void aKeyMissingFromTheTokenStopsStartUpNamingTheTokenAndBindsNothing() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        f.clientPort = freePort();
        f.managementPort = freePort();
        // The demo token starts empty: the configured listener key is not on it.
        assertEquals(3, run("--config", f.write().toString()));
        assertTrue(stderr().contains("listeners.client.tls.keyLabel: sargs-listener (expected: a key with this label"
                + " on token 'demo' (in memory))"), stderr());
        assertFalse(clientStarted.get());
        assertPortFree(f.clientPort);
        assertPortFree(f.managementPort);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static void assertPortFree(int port) throws IOException {
        // Binding succeeds only when nothing listens there.
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, s.getLocalPort());
        }
    }
}
