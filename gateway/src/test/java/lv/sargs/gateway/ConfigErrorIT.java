package lv.sargs.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import lv.sargs.gateway.config.ConfigFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production entry point with a broken config: every problem printed, exit 2, no port bound. */
class ConfigErrorIT {

    @TempDir
    Path dir;

    @Test
    void anInvalidConfigExitsTwoListingEveryProblemWithNothingBound() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             ServerSocket b = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            f.clientPort = a.getLocalPort();
            f.managementPort = b.getLocalPort();
        }
        Path config = f.write(f.yaml()
                .replace("allowList: [127.0.0.1/32]\n    tls:", "allowList: [127.0.0.1/32, 10.0.0.0/33]\n    tls:")
                .replace("handshakeTimeout: 10s", "handshakeTimeout: ten seconds")
                .replace("  - name: core-banking", "  - name: Core Banking"));

        try (GatewayProcess gateway = GatewayProcess.start(Main.class, "--config", config.toString())) {
            assertEquals(2, gateway.awaitExit(30), gateway.output());
            String out = gateway.output();
            assertTrue(out.contains("3 problems; nothing was started:"), out);
            assertTrue(out.contains("  listeners.client.allowList[1]: 10.0.0.0/33 (expected: prefix 0-32)"), out);
            assertTrue(out.contains("  listeners.client.limits.handshakeTimeout: ten seconds (expected: a duration"
                    + " 100ms to 1m, written like 500ms, 10s, 2m or 1h)"), out);
            assertTrue(out.contains("  clients[0].name: Core Banking (expected: a name of lower-case letters, digits,"
                    + " '.', '_' or '-' (up to 64))"), out);
        }
        for (int port : new int[] {f.clientPort, f.managementPort}) {
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
                assertEquals(port, s.getLocalPort(), "nothing listens on " + port);
            }
        }
    }
}
