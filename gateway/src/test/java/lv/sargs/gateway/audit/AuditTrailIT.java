package lv.sargs.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import lv.sargs.gateway.status.State;
import lv.sargs.gateway.status.StatusModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The v2 trail with its checkpoints signed on SoftHSM2: chain, rotation, and each tamper case detected at start. */
class AuditTrailIT {

    @TempDir
    Path data;

    // One token for the class: SoftHSM2 lists its tokens once per process.
    private static SoftHsmAuditKey key;
    private Path trail;
    private Path checkpoints;
    private StatusModel status;

    @BeforeAll
    static void token() {
        key = new SoftHsmAuditKey();
    }

    @AfterAll
    static void close() {
        key.close();
    }

    @BeforeEach
    void paths() {
        trail = data.resolve("audit");
        checkpoints = data.resolve(TrailFiles.CHECKPOINTS);
        status = new StatusModel(Clock.systemUTC());
    }

    private AuditTrail open() {
        status = new StatusModel(Clock.systemUTC());
        AuditSettings settings = new AuditSettings(trail, 1000, 10, Duration.ofMinutes(10), 4096,
                Duration.ofMillis(200));
        return AuditTrail.open(settings, Optional.of(key.signer()), key.pseudonyms(), key.publicKey(),
                Clock.systemUTC(), status.register(AuditTrail.COMPONENT, true, State.FAILED, "opening"));
    }

    private void lookups(AuditTrail t, int n) {
        for (int i = 0; i < n; i++) {
            assertTrue(t.record(AuditRecord.of(AuditEvent.LOOKUP).withRequest("req-" + i, "core-banking")
                    .withPurpose("kyc").withOutcome("200").withSubject(t.subject("person", "130800-21699"))
                    .with("route", "GET /v1/persons/{personalCode}")));
        }
    }

    private State auditState() {
        return status.component(AuditTrail.COMPONENT).orElseThrow().state();
    }

    private String auditReason() {
        return status.component(AuditTrail.COMPONENT).orElseThrow().reason();
    }

    @Test
    void chainsRecordsAcrossRotatedFilesAndRestartsWithCheckpointsThatVerifyWithTheCertificateOnly() throws Exception {
        try (AuditTrail t = open()) {
            lookups(t, 40);
            long seq = t.recordDurably(AuditRecord.of(AuditEvent.PAYMENT_ACCEPTED).withRequest(null, "core-banking")
                    .withOutcome("STORED").with("payment", "p-1"));
            assertTrue(seq > 40);
            assertEquals(State.OK, auditState(), auditReason());
        }
        try (AuditTrail t = open()) {
            assertEquals(State.OK, auditState(), auditReason());
            lookups(t, 5);
        }

        TrailVerifier.Report report = TrailVerifier.verify(trail, checkpoints, key.publicKey());

        assertTrue(report.intact(), report.problem());
        assertTrue(report.files().size() > 2, "rotated at 4 KiB: " + report.files());
        assertTrue(report.checkpoints() >= 5, "every 10 records and at each stop: " + report.checkpoints());
        assertEquals(0, report.unsignedCheckpoints());
        assertTrue(report.stoppedCleanly());
        assertEquals(report.checkpoints(), Files.readAllLines(checkpoints).size());
    }

    @Test
    void oneSubjectIsOnePseudonymWhateverFormWasTypedAndNoCodeIsInClear() throws Exception {
        Pseudonyms p = key.pseudonyms();
        assertEquals(p.person("130800-21699"), p.person("13080021699"));
        assertFalse(p.person("130800-21699").equals(p.person("161175-19997")));
        try (AuditTrail t = open()) {
            lookups(t, 3);
        }
        for (Path f : allFiles()) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            assertFalse(text.contains("130800") || text.contains("21699"), f + " holds the code in clear");
        }
        assertTrue(Files.readString(trail.resolve(TrailFiles.name(1))).contains(p.person("13080021699")));
    }

    @Test
    void anEditedMiddleLineIsNamedByFileAndRecordAndTheTrailRefusesRecords() throws Exception {
        try (AuditTrail t = open()) {
            lookups(t, 8);
        }
        Path first = trail.resolve(TrailFiles.name(1));
        List<String> lines = new ArrayList<>(Files.readAllLines(first));
        lines.set(4, lines.get(4).replace("\"kyc\"", "\"aml\""));
        Files.write(first, lines);

        String problem = reopenRefuses();

        assertTrue(problem.contains(first.toString()) && problem.contains("line 6 (record 6)"), problem);
    }

    @Test
    void aDroppedTailIsNamedByFileAndTheCheckpointThatCoversIt() throws Exception {
        try (AuditTrail t = open()) {
            lookups(t, 5);
        }
        Path last = lastFile();
        List<String> lines = Files.readAllLines(last);
        Files.write(last, lines.subList(0, lines.size() - 2));

        String problem = reopenRefuses();

        assertTrue(problem.contains(last + " ends at record") && problem.contains("checkpoint #"), problem);
    }

    @Test
    void aDeletedTrailFileIsNamed() throws Exception {
        try (AuditTrail t = open()) {
            lookups(t, 60);
        }
        Path second = trail.resolve(TrailFiles.name(2));
        Files.delete(second);

        String problem = reopenRefuses();

        assertTrue(problem.contains(second + ": missing"), problem);
    }

    @Test
    void aWholeTrailDeletedIsDetectedByTheCheckpointsKeptOutsideIt() throws Exception {
        try (AuditTrail t = open()) {
            lookups(t, 5);
        }
        try (Stream<Path> files = Files.list(trail)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }

        String problem = reopenRefuses();

        assertTrue(problem.contains("holds no trail file") && problem.contains(TrailFiles.CHECKPOINTS), problem);
    }

    @Test
    void aFileReplacedByAnOlderCopyIsDetected() throws Exception {
        try (AuditTrail t = open()) {
            lookups(t, 3);
        }
        Path first = trail.resolve(TrailFiles.name(1));
        Path copy = data.resolve("older-copy.jsonl");
        Files.copy(first, copy);
        try (AuditTrail t = open()) {
            lookups(t, 3);
        }
        Files.copy(copy, first, StandardCopyOption.REPLACE_EXISTING);

        String problem = reopenRefuses();

        assertTrue(problem.contains(first.toString()) && problem.contains("older copy"), problem);
    }

    @Test
    void aFullQueueRefusesRecordsRaisesTheAlarmAndRecoversWhenDrained() throws Exception {
        Semaphore signatures = new Semaphore(1);
        CheckpointSigner real = key.signer();
        CheckpointSigner held = new CheckpointSigner() {
            @Override
            public String keyLabel() {
                return real.keyLabel();
            }

            @Override
            public String algorithm() {
                return real.algorithm();
            }

            @Override
            public byte[] sign(byte[] message) {
                signatures.acquireUninterruptibly();
                return real.sign(message);
            }
        };
        // A checkpoint after every record: with no signature allowed, the writer stops at the first one.
        AuditSettings settings = new AuditSettings(trail, 4, 1, Duration.ofMinutes(10), 1 << 20,
                Duration.ofMillis(100));
        AuditTrail t = AuditTrail.open(settings, Optional.of(held), key.pseudonyms(), key.publicKey(),
                Clock.systemUTC(), status.register(AuditTrail.COMPONENT, true, State.FAILED, "opening"));
        try {
            int refused = 0;
            int offered = 0;
            // The writer stops at its first checkpoint; the queue of 4 then fills and stays full.
            while (refused == 0 && offered < 1000) {
                offered++;
                if (!t.record(AuditRecord.of(AuditEvent.LOOKUP).withOutcome("200"))) {
                    refused++;
                }
            }
            assertEquals(1, refused, "a queue of 4 behind a held writer refuses a record");
            assertEquals(refused, t.refused());
            assertEquals(State.DEGRADED, auditState(), auditReason());
            assertThrows(AuditUnavailableException.class, () -> t.recordDurably(
                    AuditRecord.of(AuditEvent.PAYMENT_ACCEPTED).withOutcome("STORED")));
        } finally {
            signatures.release(10_000);
        }
        t.recordDurably(AuditRecord.of(AuditEvent.PAYMENT_ACCEPTED).withOutcome("STORED"));
        assertEquals(State.OK, auditState(), auditReason());
        t.close();
        assertTrue(TrailVerifier.verify(trail, checkpoints, key.publicKey()).intact());
    }

    private String reopenRefuses() {
        try (AuditTrail t = open()) {
            assertEquals(State.FAILED, auditState(), "the audit component fails");
            assertFalse(t.record(AuditRecord.of(AuditEvent.LOOKUP)), "no record is taken on a broken trail");
            assertThrows(AuditUnavailableException.class, () -> t.recordDurably(
                    AuditRecord.of(AuditEvent.PAYMENT_ACCEPTED)));
            return auditReason();
        }
    }

    private Path lastFile() throws IOException {
        List<Path> files = TrailFiles.list(trail);
        return files.get(files.size() - 1);
    }

    private List<Path> allFiles() throws IOException {
        List<Path> all = new ArrayList<>(TrailFiles.list(trail));
        all.add(checkpoints);
        return all;
    }
}
