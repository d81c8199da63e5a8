package lv.sargs.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional {@code audit} and {@code risk} sections: read when present, every key required, errors named by path. */
class AuditAndRiskConfigTest {

    private static final String AUDIT = """
            audit:
              keyLabel: sargs-audit
              checkpointEvery: 1000
              checkpointInterval: 1m
              rotateSize: 64MiB
              queueCapacity: 10000
            """;

    @TempDir
    Path dir;

    private final ConfigLoader loader = ConfigLoader.with(Clock.systemUTC(), Map.of());

    @Test
    void readsTheAuditSection() throws Exception {
        GatewayConfig c = loader.parse(new ConfigFixture(dir).yaml() + AUDIT, "sargs.yaml");

        AuditConfig a = c.audit().orElseThrow();
        assertEquals(new AuditConfig("sargs-audit", 1000, Duration.ofMinutes(1), 64L * 1024 * 1024, 10000), a);
        assertTrue(c.risk().isEmpty());
    }

    @Test
    void withoutTheSectionsBothAreEmpty() throws Exception {
        GatewayConfig c = loader.parse(new ConfigFixture(dir).yaml(), "sargs.yaml");

        assertTrue(c.audit().isEmpty() && c.risk().isEmpty());
    }

    @Test
    void namesEveryWrongOrMissingKeyByItsPath() {
        String yaml = new ConfigFixture(dir).yaml() + AUDIT.replace("checkpointEvery: 1000", "checkpointEvery: 0")
                .replace("  rotateSize: 64MiB\n", "") + """
                risk:
                  sampleInterval: 10s
                  quietGap: 5m
                  incidentAfter: 1m
                  majorDowntime: 2h
                  kri:
                    failedRegisterCallsPerHour: 50
                    paymentRejectionsPerDay: -1
                """;

        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(yaml, "sargs.yaml"));

        List<String> paths = e.problems().stream().map(ConfigProblem::path).toList();
        assertTrue(paths.containsAll(List.of("audit.checkpointEvery", "audit.rotateSize",
                "risk.kri.paymentRejectionsPerDay", "risk.kri.refusalsPerHour")), e.problems().toString());
    }

    @Test
    void theLookupP99KeysAreOptionalWithTheirDefaultsAndCheckedWhenGiven() throws Exception {
        String risk = """
                risk:
                  sampleInterval: 10s
                  quietGap: 5m
                  incidentAfter: 1m
                  majorDowntime: 2h
                  kri:
                    failedRegisterCallsPerHour: 50
                    paymentRejectionsPerDay: 20
                    refusalsPerHour: 100
                """;
        RiskConfig without = loader.parse(new ConfigFixture(dir).yaml() + risk, "sargs.yaml").risk().orElseThrow();
        assertEquals(Duration.ofSeconds(1), without.lookupP99());
        assertEquals(Duration.ofMinutes(5), without.lookupP99Window());
        RiskConfig with = loader.parse(new ConfigFixture(dir).yaml() + risk + "    lookupP99: 800ms\n"
                + "    lookupP99Window: 1m\n", "sargs.yaml").risk().orElseThrow();
        assertEquals(Duration.ofMillis(800), with.lookupP99());
        assertEquals(Duration.ofMinutes(1), with.lookupP99Window());

        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(new ConfigFixture(dir).yaml()
                + risk + "    lookupP99: 2h\n", "sargs.yaml"));
        assertEquals(List.of("risk.kri.lookupP99"), e.problems().stream().map(ConfigProblem::path).toList());
    }
}
