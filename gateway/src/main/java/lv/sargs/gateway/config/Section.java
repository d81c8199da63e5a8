package lv.sargs.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A YAML mapping whose keys the loader asks for by name; {@link #end} reports every key nobody
 * asked for, so a typo is a problem rather than a silently ignored setting.
 */
final class Section {

    private final String path;
    private final JsonNode json;
    private final Problems problems;
    private final Set<String> known = new LinkedHashSet<>();

    Section(String path, JsonNode json, Problems problems) {
        this.path = path;
        this.json = json;
        this.problems = problems;
    }

    /** How many problems the whole file has so far; a reader compares before and after its keys. */
    int problemsCount() {
        return problems.count();
    }

    /** The value under {@code key}; a problem when absent. */
    Optional<Node> required(String key, String expected) {
        known.add(key);
        JsonNode v = json.get(key);
        if (v == null) {
            problems.add(child(key), "(missing)", expected);
            return Optional.empty();
        }
        return Optional.of(new Node(child(key), v, problems));
    }

    /** The value under {@code key}, when present; absence is a documented choice of the caller. */
    Optional<Node> optional(String key) {
        known.add(key);
        JsonNode v = json.get(key);
        return v == null ? Optional.empty() : Optional.of(new Node(child(key), v, problems));
    }

    /** Whether {@code key} is written at all. */
    boolean has(String key) {
        return json.has(key);
    }

    /** Reports every key that was not asked for, suggesting the known key it is closest to. */
    void end() {
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                String expected = "one of " + String.join(", ", known) + closest(key).map(k -> "; did you mean " + k + "?").orElse("");
                problems.add(child(key), "(unknown key)", expected);
            }
        }
    }

    /** A problem about this mapping as a whole, e.g. two mutually exclusive keys. */
    void problem(String value, String expected) {
        problems.add(path.isEmpty() ? "(top level)" : path, value, expected);
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private Optional<String> closest(String key) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = distance(key.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
