package lv.sargs.gateway.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Checks an audit trail's hash chain line by line, streaming; names the first broken line. */
public final class AuditVerifier {

    /** The chain's state: lines read, the last line's hash, and the first broken line (0 when intact). */
    public record Result(long lines, byte[] lastHash, long brokenAt) {

        /** Whether every line names its predecessor's hash. */
        public boolean intact() {
            return brokenAt == 0;
        }
    }

    private AuditVerifier() {
    }

    /** Verifies {@code file}; a missing file is an intact, empty trail. */
    public static Result verify(Path file) throws IOException {
        byte[] previous = new byte[32];
        long n = 0;
        if (!Files.exists(file)) {
            return new Result(0, previous, 0);
        }
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                n++;
                String expected = "\"seq\":" + n + ",\"prev\":\"" + HexFormat.of().formatHex(previous) + "\"}";
                if (!line.endsWith(expected)) {
                    return new Result(n - 1, previous, n);
                }
                previous = sha256.digest(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return new Result(n, previous, 0);
    }
}
