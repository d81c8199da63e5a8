package lv.sargs.gateway.upstream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;

/** A streaming check that a response body is one well-formed JSON value, for the register clients. */
public final class JsonBodies {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonBodies() {
    }

    /** Null when {@code body} is one well-formed JSON value; otherwise what is wrong with it. */
    public static String malformation(byte[] body) {
        if (body.length == 0) {
            return "empty body (expected: JSON)";
        }
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() == null) {
                return "no JSON value";
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                return "content after the JSON value at offset " + parser.currentLocation().getByteOffset();
            }
            return null;
        } catch (IOException e) {
            return describe(e);
        }
    }

    /**
     * What is wrong with an upstream's JSON, in the gateway's words with line and column: the
     * parser's own message names its classes and echoes the peer's bytes, and these words reach logs,
     * the status and clients' problem details.
     */
    public static String describe(IOException e) {
        String where = "";
        if (e instanceof JsonProcessingException j && j.getLocation() != null && j.getLocation() != JsonLocation.NA) {
            where = "line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() + ": ";
        }
        String original = e instanceof JsonProcessingException j ? String.valueOf(j.getOriginalMessage()) : "";
        if (e instanceof StreamConstraintsException) {
            return where + (original.contains("nesting depth")
                    ? "arrays or objects nested too deep (expected: at most 1000 levels)"
                    : "a name, number or string longer than accepted (expected: values of ordinary length)");
        }
        if (e instanceof JsonEOFException || original.contains("end-of-input")) {
            return where + "the JSON ends early (expected: a complete JSON value)";
        }
        if (e instanceof JsonProcessingException) {
            return where + "not valid JSON (expected: one JSON value per RFC 8259)";
        }
        return "the JSON cannot be read (expected: one JSON value per RFC 8259)";
    }
}
