package lv.sargs.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A value in the YAML tree with its path; every accessor reports a problem (and returns empty)
 * instead of throwing, so the loader keeps walking and finds every problem in one pass.
 */
final class Node {

    private static final int MAX_SHOWN = 80;

    private final String path;
    private final JsonNode json;
    private final Problems problems;

    Node(String path, JsonNode json, Problems problems) {
        this.path = path;
        this.json = json;
        this.problems = problems;
    }

    /** Reports a problem with this value. */
    void problem(String expected) {
        problems.add(path.isEmpty() ? "(top level)" : path, shown(), expected);
    }

    /** This value as a mapping whose keys must all be consumed (see {@link Section#end}). */
    Optional<Section> section() {
        if (!json.isObject()) {
            problem("a mapping of keys to values");
            return Optional.empty();
        }
        return Optional.of(new Section(path, json, problems));
    }

    /** This value as a list; {@code null} or {@code []} is an empty list. */
    Optional<List<Node>> list() {
        if (json.isNull()) {
            return Optional.of(List.of());
        }
        if (!json.isArray()) {
            problem("a list, e.g. [a, b] or one '- item' per line");
            return Optional.empty();
        }
        List<Node> out = new ArrayList<>(json.size());
        for (int i = 0; i < json.size(); i++) {
            out.add(new Node(path + "[" + i + "]", json.get(i), problems));
        }
        return Optional.of(out);
    }

    /** This value as non-blank text (a YAML number is taken as written). */
    Optional<String> text() {
        if (!json.isValueNode() || json.isNull() || json.asText().isBlank()) {
            problem("a non-empty text value");
            return Optional.empty();
        }
        return Optional.of(json.asText().strip());
    }

    Optional<Boolean> bool() {
        if (!json.isBoolean()) {
            problem("true or false");
            return Optional.empty();
        }
        return Optional.of(json.booleanValue());
    }

    Optional<Integer> integer(int min, int max) {
        if (!json.isIntegralNumber() || !json.canConvertToInt() || json.intValue() < min || json.intValue() > max) {
            problem("a whole number " + min + "-" + max);
            return Optional.empty();
        }
        return Optional.of(json.intValue());
    }

    /** Whether this value is the whole number {@code expected}. */
    boolean isInteger(int expected) {
        return json.isIntegralNumber() && json.canConvertToInt() && json.intValue() == expected;
    }

    /**
     * This value's text through {@code parser}, whose {@link IllegalArgumentException} message is
     * the expectation (a leading {@code "expected: "} is dropped).
     */
    <T> Optional<T> parse(Function<String, T> parser) {
        return text().flatMap(t -> {
            try {
                return Optional.of(parser.apply(t));
            } catch (IllegalArgumentException e) {
                String m = String.valueOf(e.getMessage());
                problem(m.startsWith("expected: ") ? m.substring("expected: ".length()) : m);
                return Optional.empty();
            }
        });
    }

    private String shown() {
        if (json.isObject()) {
            return "(a mapping)";
        }
        if (json.isArray()) {
            return "(a list)";
        }
        if (json.isNull()) {
            return "(empty)";
        }
        String t = json.asText();
        return t.length() > MAX_SHOWN ? t.substring(0, MAX_SHOWN) + "…" : t;
    }
}
