package lv.sargs.gateway.lookup.viss;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Recognises VISS's "no such entity" answer: HTTP 400 whose body carries the code {@code ENTITY_NOT_FOUND}. */
final class EntityNotFound {

    static final String CODE = "ENTITY_NOT_FOUND";
    private static final JsonFactory FACTORY = new JsonFactory();

    private EntityNotFound() {
    }

    /** Whether any string value in the (well-formed) body is exactly {@code ENTITY_NOT_FOUND}. */
    static boolean in(byte[] body) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.VALUE_STRING && CODE.equals(parser.getText())) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
