package lv.sargs.sandbox.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An endpoint's answer: status, extra headers and a body with its content type.
 *
 * @param status HTTP status code
 * @param contentType the body's media type
 * @param headers extra headers, e.g. {@code Retry-After}
 * @param body the body bytes
 */
public record SimulatorResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public SimulatorResponse {
        headers = Map.copyOf(headers);
    }

    /** A JSON answer. */
    public static SimulatorResponse json(int status, JsonNode body) {
        try {
            return new SimulatorResponse(status, "application/json", Map.of(), JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a JSON tree", e);
        }
    }

    /** A plain-text answer. */
    public static SimulatorResponse text(int status, String body) {
        return new SimulatorResponse(status, "text/plain; charset=utf-8", Map.of(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** This answer with one more header. */
    public SimulatorResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new SimulatorResponse(status, contentType, more, body);
    }

    /** The mapper simulators build their JSON trees with. */
    public static ObjectMapper mapper() {
        return JSON;
    }
}
