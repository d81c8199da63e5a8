package lv.sargs.gateway.http;

import lv.sargs.gateway.text.ClientValues;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;

/**
 * JSON as clients must send it: exactly one document with nothing after it, each member name once
 * in an object, nesting and sizes bounded (RFC 8259 §4 says names SHOULD be unique; a payment whose
 * duplicate amount silently wins is worse than a refusal). Failures are told in the gateway's
 * words with line and column ({@link #describe}), never the library's.
 */
public final class StrictJson {

    /** Deeper than any document a route accepts, far below what could exhaust a stack. */
    public static final int MAX_DEPTH = 32;

    private static final ObjectMapper READER = new ObjectMapper(JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(64).maxStringLength(1 << 20).maxNameLength(256).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StrictJson() {
    }

    /**
     * The one document in {@code body}.
     *
     * @throws IOException with {@link #describe} available for the client
     */
    public static JsonNode read(byte[] body) throws IOException {
        JsonNode node = READER.readTree(body);
        if (node == null || node.isMissingNode()) {
            throw new JsonEOFException(null, null, "no JSON document");
        }
        return node;
    }

    /** What was wrong with the JSON, e.g. {@code line 3, column 9: member "amount" appears twice (expected: each member once)}. */
    public static String describe(IOException e) {
        String where = "";
        if (e instanceof JsonProcessingException j && j.getLocation() != null && j.getLocation() != JsonLocation.NA) {
            where = "line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() + ": ";
        }
        return where + what(e);
    }

    private static String what(IOException e) {
        String original = e instanceof JsonProcessingException j ? String.valueOf(j.getOriginalMessage()) : "";
        if (e instanceof StreamConstraintsException) {
            return original.contains("nesting depth")
                    ? "arrays or objects nested deeper than accepted (expected: the document's documented shape)"
                    : "a name, number or string longer than accepted (expected: values of ordinary length)";
        }
        if (original.startsWith("Duplicate field '")) {
            int end = original.lastIndexOf('\'');
            String name = end > 17 ? original.substring(17, end) : "";
            return "member " + ClientValues.forAnswer(name) + " appears twice (expected: each member once)";
        }
        if (e instanceof MismatchedInputException && original.contains("Trailing token")) {
            return "content after the JSON document (expected: exactly one document, nothing after it)";
        }
        if (e instanceof JsonEOFException || original.contains("end-of-input") || original.equals("no JSON document")) {
            return "the JSON document ends early (expected: a complete document)";
        }
        return "not valid JSON (expected: one JSON document per RFC 8259)";
    }
}
