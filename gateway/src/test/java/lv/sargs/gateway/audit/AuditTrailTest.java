package lv.sargs.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void chainsEveryLineToTheOneBeforeAcrossReopening() throws IOException {
        Path file = AuditTrail.prepare(dir.resolve("audit"));
        try (AuditTrail trail = AuditTrail.open(file, 100, CLOCK)) {
            trail.record("lookup", "client", "core-banking", "purpose", "kyc", "subject", "company 40003521600");
            trail.record("lookup", "client", "core \"quoted\"", "purpose", "aml");
        }
        try (AuditTrail trail = AuditTrail.open(file, 100, CLOCK)) {
            trail.record("purge", "subject", "person 161175-19997");
        }

        AuditVerifier.Result result = AuditVerifier.verify(file);
        assertTrue(result.intact());
        assertEquals(3, result.lines());
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.get(0).startsWith("{\"at\":\"2026-11-21T10:00:00Z\",\"event\":\"lookup\",\"client\":\"core-banking\""),
                lines.get(0));
        assertTrue(lines.get(1).contains("\"core \\\"quoted\\\"\""), lines.get(1));
        assertTrue(lines.get(2).contains("\"seq\":3"), lines.get(2));
    }

    @Test
    void anEditedLineBreaksTheChainThereAndTheTrailRefusesToContinue() throws IOException {
        Path file = AuditTrail.prepare(dir.resolve("audit"));
        try (AuditTrail trail = AuditTrail.open(file, 100, CLOCK)) {
            for (int i = 0; i < 5; i++) {
                trail.record("lookup", "purpose", "kyc", "n", Integer.toString(i));
            }
        }
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        lines.set(2, lines.get(2).replace("\"kyc\"", "\"aml\""));
        Files.write(file, lines);

        AuditVerifier.Result result = AuditVerifier.verify(file);

        assertFalse(result.intact());
        assertEquals(4, result.brokenAt(), "line 4 no longer names the hash of the edited line 3");
        IOException refused = assertThrows(IOException.class, () -> AuditTrail.open(file, 100, CLOCK));
        assertTrue(refused.getMessage().contains("line 4"), refused.getMessage());
    }

    @Test
    void aRemovedLineBreaksTheChain() throws IOException {
        Path file = AuditTrail.prepare(dir.resolve("audit"));
        try (AuditTrail trail = AuditTrail.open(file, 100, CLOCK)) {
            for (int i = 0; i < 3; i++) {
                trail.record("lookup", "n", Integer.toString(i));
            }
        }
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        lines.remove(1);
        Files.write(file, lines);

        assertEquals(2, AuditVerifier.verify(file).brokenAt());
    }
}
