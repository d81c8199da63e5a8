package lv.sargs.gateway.upstream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
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
            return e.getMessage().lines().findFirst().orElse("unparseable JSON");
        }
    }
}
