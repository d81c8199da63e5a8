package lv.sargs.e2e.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import lv.sargs.e2e.GatewayUnderTest;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.sandbox.Sandbox;
import lv.sargs.sandbox.SandboxOptions;
import lv.sargs.sandbox.demo.LookupsWiring;
import lv.sargs.sandbox.demo.StatisticsWiring;
import lv.sargs.sandbox.demo.TreasuryWiring;
import lv.sargs.gateway.treasury.ekase.EkaseMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/openapi.yaml is the client API's contract: with every capability configured, the gateway
 * routes exactly the paths and methods the file documents — nothing undocumented, nothing missing.
 */
class OpenApiContractIT {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    @TempDir
    Path dir;

    @Test
    void theGatewayRoutesExactlyWhatTheOpenApiFileDocuments() throws Exception {
        Set<String> documented = documented(Path.of("..", "docs", "openapi.yaml"));
        List<AutoCloseable> simulators = new ArrayList<>();
        Sandbox sandbox = Sandbox.start(SandboxOptions.defaults());
        simulators.add(sandbox);
        Token token = Tokens.demo();
        try (GatewayUnderTest gateway = GatewayUnderTest.start(dir, () -> token, t -> {
            StatisticsWiring.Prepared statistics = StatisticsWiring.start(dir.resolve("lb"), t,
                    lv.sargs.testkit.CertificateAuthority.create("Contract test CA"));
            simulators.add(statistics.exchange());
            TreasuryWiring.SandboxEkase ekase = TreasuryWiring.startEkase();
            simulators.add(ekase);
            return LookupsWiring.prepare(sandbox, t, dir.resolve("registers"), "24h", "72h") + statistics.yaml()
                    + TreasuryWiring.prepare(ekase, t, dir.resolve("treasury"), EkaseMode.MANAGE);
        })) {
            Set<String> routed = new TreeSet<>(gateway.gateway().routes());

            assertEquals(documented, routed, "documented (left) and routed (right) differ");
        } finally {
            for (AutoCloseable c : simulators) {
                c.close();
            }
        }
    }

    private static Set<String> documented(Path file) throws Exception {
        JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(file.toFile()).get("paths");
        Set<String> out = new TreeSet<>();
        for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
            String path = it.next();
            for (Iterator<String> m = paths.get(path).fieldNames(); m.hasNext(); ) {
                String method = m.next();
                if (METHODS.contains(method)) {
                    out.add(method.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        return out;
    }
}
