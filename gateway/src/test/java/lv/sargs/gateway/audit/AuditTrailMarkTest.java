package lv.sargs.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import lv.sargs.gateway.status.State;
import lv.sargs.gateway.status.StatusModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mark an online backup copies the trail up to: it covers every record acknowledged before it
 * was asked for, ends on a whole line, and the copy up to it verifies while the trail grows on.
 */
class AuditTrailMarkTest {

    @TempDir
    Path dir;

    @Test
    void aCopyUpToTheMarkHoldsEveryAcknowledgedRecordAndVerifies() throws Exception {
        Path trail = dir.resolve("data/audit");
        AuditSettings settings = new AuditSettings(trail, 1000, 3, Duration.ofMinutes(10), 1 << 20,
                Duration.ofSeconds(1));
        try (AuditTrail t = AuditTrail.open(settings, Optional.empty(), null, null, Clock.systemUTC(),
                new StatusModel(Clock.systemUTC()).register("audit", true, State.FAILED, ""))) {
            long acknowledged = 0;
            for (int i = 0; i < 10; i++) {
                acknowledged = t.recordDurably(AuditRecord.of(AuditEvent.PAYMENT_ACCEPTED).withOutcome("202"));
            }

            AuditTrail.Mark mark = t.mark(AuditRecord.of(AuditEvent.OPERATOR_ACTION).with("action", "backup-snapshot"));
            for (int i = 0; i < 10; i++) {
                t.record(AuditRecord.of(AuditEvent.LOOKUP).withOutcome("200"));
            }
            t.recordDurably(AuditRecord.of(AuditEvent.PAYMENT_ACCEPTED).withOutcome("202"));

            assertTrue(mark.records() > acknowledged, mark + " covers record " + acknowledged);
            Path copy = Files.createDirectories(dir.resolve("copy/audit"));
            byte[] file = Files.readAllBytes(trail.resolve(mark.currentFile()));
            assertTrue(file.length > mark.currentLength(), "the trail grew on after the mark");
            byte[] prefix = Arrays.copyOf(file, (int) mark.currentLength());
            assertEquals('\n', prefix[prefix.length - 1], "the mark ends on a whole line");
            Files.write(copy.resolve(mark.currentFile()), prefix);
            Files.write(TrailFiles.checkpointsOf(copy), Arrays.copyOf(Files.readAllBytes(mark.checkpoints()),
                    (int) mark.checkpointsLength()));

            TrailVerifier.Report report = TrailVerifier.verify(copy, TrailFiles.checkpointsOf(copy), null);
            assertTrue(report.intact(), report.problem());
            assertEquals(mark.records(), report.records());
        }
    }
}
