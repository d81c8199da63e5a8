package lv.sargs.gateway.statistics.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.Reader;
import lv.sargs.gateway.http.StrictJson;

/**
 * Reads a report given as one JSON object (indicator name to string or number value), streaming
 * token by token; the line numbers are those of the JSON text.
 */
final class JsonReportReader {

    private final Reader in;
    private final Problems problems;
    private final JsonFactory factory;
    private final int maxValueChars;

    JsonReportReader(Reader in, int maxValueChars, Problems problems) {
        this.in = in;
        this.problems = problems;
        this.maxValueChars = maxValueChars;
        // A name or value is one report line: no longer than a line may be, so memory stays bounded.
        // A name twice would be one indicator reported twice, the second silently winning: refused instead.
        this.factory = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).streamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(maxValueChars).maxNameLength(maxValueChars).maxNumberLength(maxValueChars)
                .maxNestingDepth(2).build()).build();
    }

    /** Reads to the end; returns the last line number seen. */
    long read(IndicatorHandler handler) throws IOException {
        try (JsonParser p = factory.createParser(in)) {
            try {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    problems.stop(line(p), "report body (expected: a JSON object of indicator names to values)");
                    return line(p);
                }
                JsonToken token;
                while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    long line = line(p);
                    switch (value) {
                        case VALUE_STRING -> {
                            String text = p.getText();
                            if (text.isEmpty()) {
                                problems.add(line, name + "=\"\" (expected: a value; list only the indicators that have one)");
                            } else {
                                handler.indicator(line, name, text);
                            }
                        }
                        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                            String text = p.getText();
                            if (text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
                                problems.add(line, name + "=" + text + " (expected: a plain decimal, no exponent)");
                            } else {
                                handler.indicator(line, name, text);
                            }
                        }
                        case VALUE_NULL -> problems.add(line,
                                name + "=null (expected: a value; list only the indicators that have one)");
                        default -> {
                            problems.add(line, name + " (expected: a string or number value)");
                            p.skipChildren();
                        }
                    }
                }
                if (token != JsonToken.END_OBJECT) {
                    problems.add(line(p), "report body (expected: a JSON object of indicator names to values)");
                } else if (p.nextToken() != null) {
                    problems.add(line(p), "text after the JSON object (expected: one object only)");
                }
                return line(p);
            } catch (JsonProcessingException e) {
                problems.stop(line(p), "unreadable JSON (expected: one object of names to values of at most "
                        + maxValueChars + " characters): " + StrictJson.describe(e));
                return line(p);
            }
        }
    }

    private static long line(JsonParser p) {
        return Math.max(1, p.currentLocation().getLineNr());
    }
}
