package lv.sargs.gateway.lookup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import lv.sargs.gateway.upstream.JsonBodies;

/**
 * The tools every register's mapping into the banks' standard structure uses: read the register's
 * JSON object, copy the fields we vouch for under stable names of our own, write the section.
 * Mapping runs once per register call; the result is what the cache keeps and hits splice.
 */
public final class SectionJson {

    /** The mapper sections are built with. */
    public static final ObjectMapper JSON = new ObjectMapper();

    private SectionJson() {
    }

    /** An address in the standard structure's fields, from a register address with the same names. */
    public static ObjectNode address(JsonNode a) {
        ObjectNode o = JSON.createObjectNode();
        for (String f : new String[] {"text", "street", "house", "apartment", "city", "postcode", "country"}) {
            copy(a, o, f, f);
        }
        return o;
    }

    /** Copies {@code from.field} as {@code to.as} when it is present and not null. */
    public static void copy(JsonNode from, ObjectNode to, String field, String as) {
        JsonNode v = from.get(field);
        if (v != null && !v.isNull()) {
            to.set(as, v);
        }
    }

    /** The register's answer as a JSON object; a {@link RegisterAnswerException} naming what it is otherwise. */
    public static JsonNode read(byte[] json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new RegisterAnswerException("expected a JSON object from the register, got "
                        + (node == null ? "nothing" : node.getNodeType()));
            }
            return node;
        } catch (IOException e) {
            throw new RegisterAnswerException("the register's answer is not JSON: " + JsonBodies.describe(e));
        }
    }

    /** The section's JSON bytes. */
    public static byte[] write(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a standard section", e);
        }
    }
}
