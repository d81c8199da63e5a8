package lv.sargs.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client drop-ins are part of the one validated config, and their problems name the drop-in. */
class DropInsTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = ConfigLoader.with(Clock.systemUTC(), Map.of());

    private static final String LENDING = """
            clients:
              - name: lending
                certificate: {sha256: "%s"}
                sources: [10.30.1.0/24]
                roles: [lookup]
                purposes: [lending]
            allowList: [10.30.0.0/16]
            """.formatted("AB".repeat(32));

    @Test
    void addsTheDropInsClientsAndBlocksInNameOrder() throws Exception {
        Path file = new ConfigFixture(dir).write();
        Files.createDirectories(dir.resolve("clients.d"));
        Files.writeString(dir.resolve("clients.d/lending.yaml"), LENDING);
        Files.writeString(dir.resolve("clients.d/.lending.yaml.tmp"), "not: read");

        GatewayConfig config = loader.load(file);

        assertEquals(List.of("core-banking", "lending"), config.clients().stream().map(ClientConfig::name).toList());
        assertEquals(List.of(Cidr.parse("127.0.0.1/32"), Cidr.parse("10.30.0.0/16")),
                config.clientListener().allowList());
    }

    @Test
    void namesTheDropInOfAProblemFoundAcrossFiles() throws Exception {
        Path file = new ConfigFixture(dir).write();
        Files.createDirectories(dir.resolve("clients.d"));
        Files.writeString(dir.resolve("clients.d/a.yaml"), LENDING);

        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file,
                Map.of("b.yaml", Optional.of(LENDING.replace("allowList: [10.30.0.0/16]\n", "")))));

        String problems = e.problems().toString();
        assertTrue(problems.contains("clients.d/b.yaml: clients[0].name: lending (expected: a name no other client has"
                + " (clients.d/a.yaml: clients[0] has it))"), problems);
    }

    @Test
    void aRemovedDropInIsLeftOutOfTheCheck() throws Exception {
        Path file = new ConfigFixture(dir).write();
        Files.createDirectories(dir.resolve("clients.d"));
        Files.writeString(dir.resolve("clients.d/broken.yaml"), "clients: [oops");

        assertThrows(ConfigException.class, () -> loader.load(file));
        assertEquals(1, loader.load(file, Map.of("broken.yaml", Optional.empty())).clients().size());
    }
}
