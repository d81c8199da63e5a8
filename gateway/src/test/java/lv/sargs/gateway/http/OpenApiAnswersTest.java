package lv.sargs.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.yaml lists, on every operation, the answers the HTTP layer gives on any route: 413
 * (the body's bound), 429 and 503 with {@code Retry-After}, 504 (the request deadline) except on a
 * streamed upload, and 415 where the operation takes a body; each with its problem type.
 */
class OpenApiAnswersTest {

    /** Streamed routes are not bound by listeners.client.limits.requestTimeout, so never answer 504 deadline-exceeded. */
    private static final Set<String> STREAMED = Set.of("POST /v1/statistics/reports");
    private static final Map<String, String> TYPE_OF = Map.of("413", "body-too-large", "415", "unsupported-media-type",
            "429", "too-many-requests", "503", "overloaded", "504", "deadline-exceeded");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private static JsonNode api;

    @BeforeAll
    static void read() throws Exception {
        api = new ObjectMapper(new YAMLFactory()).readTree(Path.of("..", "docs", "openapi.yaml").toFile());
    }

    @Test
    void everyOperationListsTheHttpLayersAnswersWithTheirProblemTypes() {
        List<String> missing = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = api.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                String name = op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
                List<String> expected = new ArrayList<>(List.of("413", "429", "503"));
                if (!STREAMED.contains(name)) {
                    expected.add("504");
                }
                if (op.getValue().has("requestBody")) {
                    expected.add("415");
                }
                for (String status : expected) {
                    JsonNode response = resolve(op.getValue().path("responses").path(status));
                    if (response == null) {
                        missing.add(name + " " + status);
                    } else if (!response.path("description").asText().contains(TYPE_OF.get(status))) {
                        missing.add(name + " " + status + " without its type " + TYPE_OF.get(status));
                    } else if ((status.equals("429") || status.equals("503"))
                            && !response.path("headers").has("Retry-After")) {
                        missing.add(name + " " + status + " without Retry-After");
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "answers docs/openapi.yaml omits");
    }

    @Test
    void everyResponseReferenceResolves() {
        for (JsonNode ref : api.findValues("$ref")) {
            String target = ref.asText();
            assertTrue(target.startsWith("#/") && !api.at(target.substring(1)).isMissingNode(), target);
        }
    }

    /** The response, its {@code $ref} followed; null when absent. */
    private static JsonNode resolve(JsonNode response) {
        if (response.isMissingNode()) {
            return null;
        }
        return response.has("$ref") ? api.at(response.get("$ref").asText().substring(1)) : response;
    }
}
