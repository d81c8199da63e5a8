package lv.sargs.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import lv.sargs.gateway.status.State;
import lv.sargs.gateway.status.StatusModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A flood of refusals is one audit record per client and reason per window, with its count. */
class RefusalTallyTest {

    @TempDir
    Path data;

    private final AtomicLong clock = new AtomicLong(1_764_000_000_000L);

    /** An unsigned trail (no audit key) in {@code data}; its records also land in {@code seen}. */
    static AuditTrail trail(Path data, List<AuditRecord> seen) {
        AuditSettings settings = new AuditSettings(data.resolve("audit"), 1000, 10, Duration.ofMinutes(10), 1 << 20,
                Duration.ofMillis(200));
        AuditTrail trail = AuditTrail.open(settings, Optional.empty(), null, null, Clock.systemUTC(),
                new StatusModel(Clock.systemUTC()).register(AuditTrail.COMPONENT, true, State.FAILED, "opening"));
        trail.observe(seen::add);
        return trail;
    }

    @Test
    void aFloodIsOneRecordPerClientPerWindowWithItsCount() throws Exception {
        List<AuditRecord> seen = new CopyOnWriteArrayList<>();
        try (AuditTrail trail = trail(data, seen)) {
            RefusalTally tally = new RefusalTally(trail, Duration.ofMinutes(1), clock::get);
            for (int i = 0; i < 1000; i++) {
                tally.refused("core-banking", "rate-limited", "req-" + i, Map.of("route", "/v1/companies/{regNo}"));
            }
            tally.refused("branch", "rate-limited", "req-b", Map.of("route", "/v1/whoami"));
            clock.addAndGet(59_000);
            tally.flush();
            assertEquals(0, seen.size(), "the window is not over yet");

            clock.addAndGet(1_000);
            tally.flush();

            assertEquals(2, seen.size(), seen.toString());
            AuditRecord flood = seen.stream().filter(r -> r.client().equals("core-banking")).findFirst().orElseThrow();
            assertEquals(AuditEvent.CLIENT_REFUSED, flood.event());
            assertEquals("rate-limited", flood.outcome());
            assertEquals("1000", flood.details().get("count"));
            assertEquals("req-0", flood.requestId());
            assertEquals("/v1/companies/{regNo}", flood.details().get("route"));

            tally.refused("core-banking", "rate-limited", "req-late", Map.of());
            tally.close();
            assertEquals(3, seen.size(), "an open window is written at close");
            assertEquals("1", seen.get(2).details().get("count"));
        }
        try (Stream<Path> files = Files.list(data.resolve("audit"))) {
            String written = files.filter(f -> f.getFileName().toString().endsWith(".jsonl"))
                    .map(f -> {
                        try {
                            return Files.readString(f, StandardCharsets.UTF_8);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).reduce("", String::concat);
            assertTrue(written.contains("\"count\":\"1000\""), written);
        }
    }
}
