package lv.sargs.gateway;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training start postinst archives: a real gateway on loopback, asked over HTTP and mutual TLS. */
class ClassDataTrainingTest {

    @Test
    void startsAGatewayAnswersReadyzAndWhoamiOverMutualTlsAndStops(@TempDir Path dir) throws Exception {
        // train() fails unless /readyz and, with the training client's certificate, /v1/whoami answer 200.
        assertDoesNotThrow(() -> ClassDataTraining.train(dir));

        assertTrue(Files.isRegularFile(dir.resolve("sargs.yaml")), "it ran from a config file, as the daemon does");
        assertTrue(Files.list(dir.resolve("data")).findAny().isPresent(), "the gateway opened its data directory");
    }
}
