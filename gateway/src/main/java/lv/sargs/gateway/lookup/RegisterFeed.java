package lv.sargs.gateway.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import lv.sargs.gateway.upstream.Deadline;
import lv.sargs.gateway.upstream.fpr.FprClient;
import lv.sargs.gateway.upstream.fpr.FprResult;
import lv.sargs.gateway.upstream.viss.VissClient;
import lv.sargs.gateway.upstream.viss.VissResult;
import lv.sargs.gateway.watch.ChangeSource;
import lv.sargs.gateway.watch.RegisterChange;
import lv.sargs.gateway.watch.WatchedSubject;

/**
 * A register's change feed read a page at a time — the Enterprise Register's legal-entity changes
 * through VISS, the population register's changed records — as {@code {changes: [{<idField>,
 * changedAt}], nextCursor}}. A feed does not say which data changed, so a change makes every
 * section of the subject stale.
 */
final class RegisterFeed implements ChangeSource {

    static final String VISS_PATH = "/legalentity/v1.0/legal-entity-changes";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BUDGET = Duration.ofSeconds(30);

    private final String source;
    private final String kind;
    private final String idField;
    private final List<String> sections;
    private final BiFunction<String, Deadline, CompletableFuture<byte[]>> page;

    private RegisterFeed(String source, String kind, String idField, List<String> sections,
                         BiFunction<String, Deadline, CompletableFuture<byte[]>> page) {
        this.source = source;
        this.kind = kind;
        this.idField = idField;
        this.sections = List.copyOf(sections);
        this.page = page;
    }

    /** Legal-entity changes from VISS: companies. */
    static RegisterFeed viss(VissClient viss) {
        return new RegisterFeed("viss", "company", "registrationNumber",
                List.of("registration", "beneficialOwners", "insolvency"),
                (cursor, deadline) -> viss.get(VISS_PATH + "?from=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)
                        + "&limit=500", deadline).thenApply(r -> {
                            if (r instanceof VissResult.Answer a && a.status() == 200) {
                                return a.json();
                            }
                            throw new RegisterAnswerException("VISS change feed answered " + r + " (expected: HTTP 200)");
                        }));
    }

    /** Changed records from the population register: persons. */
    static RegisterFeed fpr(FprClient fpr) {
        return new RegisterFeed("fpr", "person", "personalCode", List.of("population"),
                (cursor, deadline) -> fpr.changes(cursor, deadline).thenApply(r -> {
                    if (r instanceof FprResult.Answer a && a.status() == 200) {
                        return a.json();
                    }
                    throw new RegisterAnswerException("population register change list answered " + r
                            + " (expected: HTTP 200)");
                }));
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public CompletableFuture<Batch> changesSince(Optional<String> cursor) {
        String from = cursor.orElse("0");
        return page.apply(from, Deadline.after(BUDGET)).thenApply(json -> parse(json, from));
    }

    private Batch parse(byte[] json, String cursor) {
        try {
            JsonNode root = JSON.readTree(json);
            List<RegisterChange> changes = new ArrayList<>();
            for (JsonNode c : root.path("changes")) {
                String id = c.path(idField).asText();
                if (!id.isEmpty()) {
                    changes.add(new RegisterChange(new WatchedSubject(kind, id),
                            Instant.parse(c.path("changedAt").asText()), sections));
                }
            }
            return new Batch(changes, root.path("nextCursor").asText(cursor));
        } catch (IOException | java.time.format.DateTimeParseException e) {
            throw new RegisterAnswerException(source + " change feed is not what was expected: " + e.getMessage());
        }
    }
}
