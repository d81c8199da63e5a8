package lv.sargs.sandbox.server;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.HashMap;
import java.util.Map;

/**
 * An endpoint of a simulator: a name (for faults and call counts), a method and a path pattern
 * whose {@code {name}} segments match one path segment each.
 *
 * @param endpoint the endpoint name, e.g. {@code legal-entity}
 * @param method the HTTP method it answers
 * @param pattern the path pattern, e.g. {@code /legalentity/v1.0/legal-entity/{regNo}}
 * @param handler what answers
 */
public record Route(String endpoint, HttpMethod method, String pattern, Handler handler) {

    /** Answers one routed request; runs on the event loop, so it must not block. */
    @FunctionalInterface
    public interface Handler {
        /** The answer to {@code request}. */
        SimulatorResponse handle(SimulatorRequest request);
    }

    /** The path parameters when {@code path} matches the pattern (method aside), else {@code null}. */
    Map<String, String> match(String path) {
        String[] want = pattern.split("/", -1);
        String[] got = path.split("/", -1);
        if (want.length != got.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith("{") && want[i].endsWith("}")) {
                if (got[i].isEmpty()) {
                    return null;
                }
                params.put(want[i].substring(1, want[i].length() - 1), QueryStringDecoder.decodeComponent(got[i]));
            } else if (!want[i].equals(got[i])) {
                return null;
            }
        }
        return params;
    }
}
