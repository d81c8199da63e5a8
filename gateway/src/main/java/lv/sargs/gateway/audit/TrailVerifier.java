package lv.sargs.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Checks a v2 trail — every file in order, every line's {@code seq} and {@code prev}, every
 * checkpoint's signature when a key is given — against the checkpoints file kept outside it, and
 * names the first problem by file, line and record: an edited or removed line, a file missing from
 * the sequence, a trail that ends before a checkpoint says it reached (cut back, or an older copy).
 */
public final class TrailVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the check found.
     *
     * @param problem empty when intact; otherwise the first problem, naming file, line and record
     * @param records the last record's {@code seq}
     * @param lastHash the last record's hash (hex), {@link AuditLine#GENESIS} for an empty trail
     * @param files the trail's files in order
     * @param checkpoints the highest checkpoint number seen
     * @param unsignedCheckpoints checkpoints written without an audit key
     * @param tornBytes bytes after the last complete line of the last file (a write cut by a crash)
     * @param stoppedCleanly whether the trail ends with a stop and its checkpoint
     */
    public record Report(String problem, long records, String lastHash, List<Path> files, long checkpoints,
                         long unsignedCheckpoints, long tornBytes, boolean stoppedCleanly) {

        /** Whether no problem was found. */
        public boolean intact() {
            return problem.isEmpty();
        }
    }

    private final Path directory;
    private final Path checkpointsFile;
    private final PublicKey key;
    private final Consumer<JsonNode> visitor;
    private final MessageDigest sha256;
    private String previous = AuditLine.GENESIS;
    private long seq;
    private long lastCheckpoint;
    private long unsigned;
    private String lastEvent = "";
    private String problem = "";

    private TrailVerifier(Path directory, Path checkpointsFile, PublicKey key, Consumer<JsonNode> visitor) {
        this.directory = directory;
        this.checkpointsFile = checkpointsFile;
        this.key = key;
        this.visitor = visitor;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Checks the trail in {@code directory} against {@code checkpointsFile}.
     *
     * @param key the audit key's public key; null checks the chain and the checkpoints' hashes only
     */
    public static Report verify(Path directory, Path checkpointsFile, PublicKey key) throws IOException {
        return verify(directory, checkpointsFile, key, n -> { });
    }

    /** As {@link #verify(Path, Path, PublicKey)}, handing each intact record to {@code visitor} in order. */
    public static Report verify(Path directory, Path checkpointsFile, PublicKey key, Consumer<JsonNode> visitor)
            throws IOException {
        return new TrailVerifier(directory, checkpointsFile, key, visitor).run();
    }

    private Report run() throws IOException {
        Map<Long, Checkpoint> external = readCheckpointsFile();
        List<Path> files = TrailFiles.list(directory);
        if (!problem.isEmpty()) {
            return report(problem, files, 0);
        }
        long torn = 0;
        int expectedIndex = 1;
        Path last = null;
        for (Path file : files) {
            String name = file.getFileName().toString();
            int index = TrailFiles.index(name);
            if (index != expectedIndex) {
                return report(fail(directory.resolve(TrailFiles.name(expectedIndex)) + ": missing (expected: the"
                        + " trail's files numbered without a gap; " + name + " follows)"), files, 0);
            }
            expectedIndex++;
            last = file;
            long cut = TrailFiles.readLines(file, (number, text) -> {
                if (problem.isEmpty()) {
                    check(file, number, text, external);
                }
            });
            if (!problem.isEmpty()) {
                return report(problem, files, 0);
            }
            if (cut > 0 && index != files.size()) {
                return report(fail(file + ": ends in " + cut + " bytes without a line end (expected: only the last"
                        + " file may end in a line cut by a crash)"), files, 0);
            }
            torn = cut;
        }
        for (Checkpoint c : external.values()) {
            if (c.covers() > seq) {
                String where = last == null ? directory + " holds no trail file" : last + " ends at record " + seq;
                return report(fail(where + ", but checkpoint #" + c.number() + " in " + checkpointsFile
                        + " covers record " + c.covers() + " in " + c.file() + " (expected: the trail up to there;"
                        + " it was cut back, deleted or replaced by an older copy)"), files, torn);
            }
        }
        return report("", files, torn);
    }

    private void check(Path file, long lineNumber, String text, Map<Long, Checkpoint> external) {
        String where = file + " line " + lineNumber + " (record " + (seq + 1) + ")";
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            fail(where + ": not a JSON object (expected: an unedited trail line)");
            return;
        }
        if (n == null || n.path("v").asInt() != AuditLine.VERSION) {
            fail(where + ": v is " + (n == null ? "absent" : n.path("v")) + " (expected: " + AuditLine.VERSION + ")");
            return;
        }
        if (n.path("seq").asLong() != seq + 1) {
            fail(where + ": seq is " + n.path("seq").asText() + " (expected: " + (seq + 1)
                    + "; a line was removed, inserted or edited)");
            return;
        }
        if (!text.endsWith(",\"prev\":\"" + previous + "\"}")) {
            fail(where + ": its prev is not the hash of record " + seq + " (expected: an unedited trail; record "
                    + seq + " or this one was edited, or the file before was replaced)");
            return;
        }
        seq++;
        previous = HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
        lastEvent = n.path("event").asText();
        if (AuditEvent.CHECKPOINT.wireName().equals(lastEvent)) {
            Checkpoint c = Checkpoint.from(n);
            lastCheckpoint = c.number();
            if (!c.signed()) {
                unsigned++;
            } else if (key != null && !c.verifies(key)) {
                fail(where + ": checkpoint #" + c.number() + "'s signature does not verify with the audit"
                        + " certificate (expected: a checkpoint signed by the gateway's audit key)");
                return;
            }
        }
        Checkpoint outside = external.get(seq);
        if (outside != null && (!outside.hash().equals(previous)
                || !outside.file().equals(file.getFileName().toString()))) {
            fail(where + ": differs from checkpoint #" + outside.number() + " in " + checkpointsFile
                    + " (expected: hash " + outside.hash() + " in " + outside.file()
                    + "; the record was edited or the file replaced)");
            return;
        }
        visitor.accept(n);
    }

    private Map<Long, Checkpoint> readCheckpointsFile() throws IOException {
        Map<Long, Checkpoint> byCovered = new LinkedHashMap<>();
        if (!Files.exists(checkpointsFile)) {
            return byCovered;
        }
        TrailFiles.readLines(checkpointsFile, (number, text) -> {
            if (!problem.isEmpty()) {
                return;
            }
            Checkpoint c;
            try {
                c = Checkpoint.from(JSON.readTree(text));
            } catch (JsonProcessingException | RuntimeException e) {
                fail(checkpointsFile + " line " + number + ": not a checkpoint (expected: an unedited line)");
                return;
            }
            if (c.signed() && key != null && !c.verifies(key)) {
                fail(checkpointsFile + " line " + number + ": checkpoint #" + c.number()
                        + "'s signature does not verify with the audit certificate");
                return;
            }
            byCovered.put(c.covers(), c);
        });
        return byCovered;
    }

    private String fail(String message) {
        if (problem.isEmpty()) {
            problem = message;
        }
        return problem;
    }

    private Report report(String found, List<Path> files, long torn) {
        boolean clean = seq == 0 || AuditEvent.CHECKPOINT.wireName().equals(lastEvent);
        return new Report(found, seq, previous, List.copyOf(files), lastCheckpoint, unsigned, torn, clean);
    }
}
