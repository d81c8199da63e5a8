package lv.sargs.sandbox.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Files;
import java.nio.file.Path;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.gateway.config.Endpoint;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.gateway.config.TokenConfig;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoConfigTest {

    @TempDir
    Path dir;

    @Test
    void theDemoConfigPassesTheGatewaysOwnValidation() throws Exception {
        try (Token token = Tokens.demo()) {
            DemoPki pki = DemoPki.mint(dir, token);
            Path file = dir.resolve("sargs.yaml");
            Files.writeString(file, DemoConfig.yaml(pki, Files.createDirectories(dir.resolve("data")), ""));

            GatewayConfig config = ConfigLoader.system().load(file);

            assertEquals(new Endpoint("127.0.0.1", 8443), config.clientListener().bind());
            assertEquals(new Endpoint("127.0.0.1", 9090), config.managementListener().bind());
            assertInstanceOf(TokenConfig.Demo.class, config.token());
            assertEquals(1, token.certificateChain(DemoPki.LISTENER_KEY).size(), "the listener key is on the token");
        }
    }
}
