package lv.sargs.gateway.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import lv.sargs.gateway.admission.RecognizedClient;

/**
 * A request as a route sees it: method, path, the matched template and its captured values, query
 * parameters, headers, the body (a copy, safe on any thread), the recognised client and the
 * request id. Not thread-safe for {@link #query}; a route reads it from one thread at a time.
 */
public final class Request {

    private final HttpMethod method;
    private final String uri;
    private final String route;
    private final String[] paramNames;
    private final String[] params;
    private final HttpHeaders headers;
    private final byte[] body;
    private final RecognizedClient client;
    private final String requestId;
    private QueryStringDecoder query;

    Request(HttpMethod method, String uri, String route, String[] paramNames, String[] params, HttpHeaders headers,
            byte[] body, RecognizedClient client, String requestId) {
        this.method = method;
        this.uri = uri;
        this.route = route;
        this.paramNames = paramNames;
        this.params = params;
        this.headers = headers;
        this.body = body;
        this.client = client;
        this.requestId = requestId;
    }

    public HttpMethod method() {
        return method;
    }

    /** The request target as sent: path and query, percent-encoded. */
    public String uri() {
        return uri;
    }

    /** The template that matched, e.g. {@code /v1/persons/{code}} (what logs show instead of the path). */
    public String route() {
        return route;
    }

    /** The decoded value captured by {@code {name}}; throws if the template has no such parameter. */
    public String param(String name) {
        for (int i = 0; i < paramNames.length; i++) {
            if (paramNames[i].equals(name)) {
                return params[i];
            }
        }
        throw new IllegalArgumentException("route " + route + ": no parameter {" + name + "}");
    }

    /** The first value of query parameter {@code name}, or null. */
    public String query(String name) {
        if (query == null) {
            query = new QueryStringDecoder(uri);
        }
        List<String> values = query.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** The body (empty when none, and on a streaming route, whose handler gets it as a stream); never modify it. */
    public byte[] body() {
        return body;
    }

    /** The client recognised on the connection. */
    public RecognizedClient client() {
        return client;
    }

    /** The request id, also on the response's {@code X-Request-Id}. */
    public String requestId() {
        return requestId;
    }
}
