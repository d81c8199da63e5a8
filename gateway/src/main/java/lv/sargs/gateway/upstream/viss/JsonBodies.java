package lv.sargs.gateway.upstream.viss;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Streaming checks of response bodies: well-formed JSON, and VISS's {@code ENTITY_NOT_FOUND} error code. */
final class JsonBodies {

    static final String ENTITY_NOT_FOUND = "ENTITY_NOT_FOUND";
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonBodies() {
    }

    /** Null when {@code body} is one well-formed JSON value; otherwise what is wrong with it. */
    static String malformation(byte[] body) {
        if (body.length == 0) {
            return "empty body (expected: JSON)";
        }
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() == null) {
                return "no JSON value";
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                return "content after the JSON value at " + parser.currentLocation().getCharOffset();
            }
            return null;
        } catch (IOException e) {
            return e.getMessage().lines().findFirst().orElse("unparseable JSON");
        }
    }

    /** Whether any string value in the (well-formed) body is exactly {@code ENTITY_NOT_FOUND}. */
    static boolean saysEntityNotFound(byte[] body) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.VALUE_STRING && ENTITY_NOT_FOUND.equals(parser.getText())) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
