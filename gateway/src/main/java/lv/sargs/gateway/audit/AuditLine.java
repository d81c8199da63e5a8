package lv.sargs.gateway.audit;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Format v2 of one trail line (docs/audit.md): a JSON object whose members come in a fixed order,
 * {@code v, seq, at, event, requestId, client, purpose, outcome, subject}, then the event's own
 * members, and last {@code prev}, the SHA-256 (hex) of the line before, so a line's hash covers
 * everything in it and the chain runs across rotated files.
 */
final class AuditLine {

    /** The format version written in each line's {@code v}. */
    static final int VERSION = 2;
    /** The {@code prev} of the very first record: 32 zero bytes. */
    static final String GENESIS = "0".repeat(64);
    static final Set<String> RESERVED = Set.of("v", "seq", "at", "event", "requestId", "client", "purpose",
            "outcome", "subject", "prev");

    private AuditLine() {
    }

    static String encode(long seq, Instant at, AuditRecord r, byte[] previous) {
        StringBuilder line = new StringBuilder(256).append("{\"v\":").append(VERSION).append(",\"seq\":").append(seq)
                .append(",\"at\":\"").append(at).append("\",\"event\":\"").append(r.event().wireName()).append('"');
        member(line, "requestId", r.requestId());
        member(line, "client", r.client());
        member(line, "purpose", r.purpose());
        member(line, "outcome", r.outcome());
        member(line, "subject", r.subject());
        for (Map.Entry<String, String> e : r.details().entrySet()) {
            member(line, e.getKey(), e.getValue());
        }
        return line.append(",\"prev\":\"").append(HexFormat.of().formatHex(previous)).append("\"}").toString();
    }

    private static void member(StringBuilder line, String name, String value) {
        if (value != null) {
            line.append(',');
            Json.string(line, name);
            line.append(':');
            Json.string(line, value);
        }
    }
}
