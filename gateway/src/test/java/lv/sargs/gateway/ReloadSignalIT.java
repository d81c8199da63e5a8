package lv.sargs.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import lv.sargs.gateway.config.ConfigFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGHUP, as {@code systemctl reload sargs} sends it, reloads the config and its drop-ins in a real process. */
class ReloadSignalIT {

    @TempDir
    Path dir;

    @Test
    void sighupAppliesAValidDropInAndRefusesAnInvalidOneSayingWhy() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        try (GatewayProcess gateway = GatewayProcess.start(SlowGatewayMain.class, "--config", f.write().toString())) {
            gateway.await(Pattern.compile("SIGHUP .* reloads clients and allow-lists"), 30);
            Files.createDirectories(dir.resolve("clients.d"));
            Files.writeString(dir.resolve("clients.d/lending.yaml"), """
                    clients:
                      - name: lending
                        certificate: {sha256: "%s"}
                        sources: [127.0.0.1/32]
                        roles: [lookup]
                        purposes: [lending]
                    """.formatted("AB".repeat(32)));

            hangUp(gateway);
            gateway.await(Pattern.compile("config reloaded .*: 2 client\\(s\\)"), 30);

            Files.writeString(dir.resolve("clients.d/bad.yaml"), "clients: [{name: Bad}]\n");
            hangUp(gateway);
            gateway.await(Pattern.compile("config reload refused"), 30);
            gateway.await(Pattern.compile(Pattern.quote("clients.d/bad.yaml: clients[0].name: Bad")), 10);

            gateway.terminate();
            assertEquals(0, gateway.awaitExit(20), gateway.output());
        }
    }

    private static void hangUp(GatewayProcess gateway) throws Exception {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(gateway.process().pid())).start();
        assertEquals(0, kill.waitFor(10, TimeUnit.SECONDS) ? kill.exitValue() : -1);
    }
}
