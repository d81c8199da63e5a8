package lv.sargs.gateway.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event for the trail: what happened, for which request and client, why (purpose), how it
 * ended (outcome) and about whom (a subject pseudonym, never a code in clear), with extra members.
 * Absent values are {@code null} and left out of the line.
 */
public record AuditRecord(AuditEvent event, String requestId, String client, String purpose, String outcome,
                          String subject, Map<String, String> details) {

    public AuditRecord {
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** A record of {@code event} with nothing else yet; add members with the {@code with…} copies. */
    public static AuditRecord of(AuditEvent event) {
        return new AuditRecord(event, null, null, null, null, null, Map.of());
    }

    public AuditRecord withRequest(String requestId, String client) {
        return new AuditRecord(event, requestId, client, purpose, outcome, subject, details);
    }

    public AuditRecord withPurpose(String value) {
        return new AuditRecord(event, requestId, client, value, outcome, subject, details);
    }

    public AuditRecord withOutcome(String value) {
        return new AuditRecord(event, requestId, client, purpose, value, subject, details);
    }

    /** @param pseudonym from {@link Pseudonyms}; never a personal code or registration number in clear */
    public AuditRecord withSubject(String pseudonym) {
        return new AuditRecord(event, requestId, client, purpose, outcome, pseudonym, details);
    }

    /** Adds one extra member; names must not be those of the fixed members. */
    public AuditRecord with(String name, String value) {
        if (AuditLine.RESERVED.contains(name)) {
            throw new IllegalArgumentException("audit member " + name + " is reserved (expected: another name)");
        }
        Map<String, String> more = new LinkedHashMap<>(details);
        more.put(name, value);
        return new AuditRecord(event, requestId, client, purpose, outcome, subject, more);
    }
}
