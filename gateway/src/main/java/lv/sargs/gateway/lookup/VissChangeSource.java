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
import lv.sargs.gateway.upstream.Deadline;
import lv.sargs.gateway.upstream.viss.VissClient;
import lv.sargs.gateway.upstream.viss.VissResult;
import lv.sargs.gateway.watch.ChangeSource;
import lv.sargs.gateway.watch.RegisterChange;
import lv.sargs.gateway.watch.WatchedSubject;

/**
 * The Enterprise Register's legal-entity change feed through VISS, read a page at a time; a change
 * makes every company section stale, since the feed does not say which data changed.
 */
final class VissChangeSource implements ChangeSource {

    static final String PATH = "/legalentity/v1.0/legal-entity-changes";
    private static final List<String> ALL_SECTIONS = List.of("registration", "beneficialOwners", "insolvency");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BUDGET = Duration.ofSeconds(30);

    private final VissClient viss;

    VissChangeSource(VissClient viss) {
        this.viss = viss;
    }

    @Override
    public String source() {
        return "viss";
    }

    @Override
    public CompletableFuture<Batch> changesSince(Optional<String> cursor) {
        String from = URLEncoder.encode(cursor.orElse("0"), StandardCharsets.UTF_8);
        return viss.get(PATH + "?from=" + from + "&limit=500", Deadline.after(BUDGET)).thenApply(result -> {
            if (!(result instanceof VissResult.Answer answer) || answer.status() != 200) {
                throw new RegisterAnswerException("VISS change feed answered " + result + " (expected: HTTP 200)");
            }
            return parse(answer.json(), cursor.orElse("0"));
        });
    }

    private static Batch parse(byte[] json, String cursor) {
        try {
            JsonNode root = JSON.readTree(json);
            List<RegisterChange> changes = new ArrayList<>();
            for (JsonNode c : root.path("changes")) {
                String regNo = c.path("registrationNumber").asText();
                if (!regNo.isEmpty()) {
                    changes.add(new RegisterChange(new WatchedSubject("company", regNo),
                            Instant.parse(c.path("changedAt").asText()), ALL_SECTIONS));
                }
            }
            return new Batch(changes, root.path("nextCursor").asText(cursor));
        } catch (IOException | java.time.format.DateTimeParseException e) {
            throw new RegisterAnswerException("VISS change feed is not what was expected: " + e.getMessage());
        }
    }
}
