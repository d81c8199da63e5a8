package lv.sargs.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Format v1 trails (one per capability, before the v2 trail) stay readable and verifiable. */
class AuditVerifierTest {

    @TempDir
    Path dir;

    /** Writes lines as the v1 writer did: the body, then {@code "seq":n,"prev":"<hash of the line before>"}. */
    private Path v1(String... bodies) throws Exception {
        byte[] previous = new byte[32];
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            String line = bodies[i] + ",\"seq\":" + (i + 1) + ",\"prev\":\"" + HexFormat.of().formatHex(previous) + "\"}";
            previous = MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8));
            lines.add(line);
        }
        Path file = dir.resolve("audit.jsonl");
        Files.write(file, lines);
        return file;
    }

    @Test
    void anIntactV1TrailVerifies() throws Exception {
        Path file = v1("{\"at\":\"2026-11-21T10:00:00Z\",\"event\":\"lookup\",\"client\":\"core-banking\"",
                "{\"at\":\"2026-11-21T10:00:01Z\",\"event\":\"purge\"");

        AuditVerifier.Result result = AuditVerifier.verify(file);

        assertTrue(result.intact());
        assertEquals(2, result.lines());
    }

    @Test
    void anEditedV1LineBreaksTheChainAtTheNextLine() throws Exception {
        Path file = v1("{\"event\":\"lookup\",\"purpose\":\"kyc\"", "{\"event\":\"lookup\",\"purpose\":\"kyc\"",
                "{\"event\":\"lookup\",\"purpose\":\"kyc\"");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(1, lines.get(1).replace("kyc", "aml"));
        Files.write(file, lines);

        AuditVerifier.Result result = AuditVerifier.verify(file);

        assertFalse(result.intact());
        assertEquals(3, result.brokenAt());
    }
}
