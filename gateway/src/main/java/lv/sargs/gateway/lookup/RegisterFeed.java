package lv.sargs.gateway.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import lv.sargs.gateway.upstream.core.Deadline;
import lv.sargs.gateway.watch.ChangeSource;
import lv.sargs.gateway.watch.RegisterChange;
import lv.sargs.gateway.watch.WatchedSubject;

/**
 * A register's change feed read a page at a time — e.g. the Enterprise Register's legal-entity
 * changes through VISS, the population register's changed records — as {@code {changes: [{<idField>,
 * changedAt}], nextCursor}}. A feed does not say which data changed, so a change makes every
 * section of the subject stale.
 */
public final class RegisterFeed implements ChangeSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BUDGET = Duration.ofSeconds(30);

    private final String source;
    private final String kind;
    private final String idField;
    private final List<String> sections;
    private final BiFunction<String, Deadline, CompletableFuture<byte[]>> page;

    /**
     * The feed of register {@code source} about subjects of {@code kind} (e.g. {@code company}),
     * whose changes name the subject in {@code idField} and make {@code sections} stale;
     * {@code page} fetches the page after a cursor within a deadline.
     */
    public RegisterFeed(String source, String kind, String idField, List<String> sections,
                        BiFunction<String, Deadline, CompletableFuture<byte[]>> page) {
        this.source = source;
        this.kind = kind;
        this.idField = idField;
        this.sections = List.copyOf(sections);
        this.page = page;
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
