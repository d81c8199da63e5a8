package lv.sargs.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads a gateway's audit trail back as a test's evidence: every record of every file, in order. */
public final class TrailRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrailRecords() {
    }

    /** The records of the {@code .jsonl} files in {@code auditDirectory}, oldest file first. */
    public static List<JsonNode> read(Path auditDirectory) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(auditDirectory)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    records.add(JSON.readTree(line));
                }
            }
        }
        return records;
    }
}
