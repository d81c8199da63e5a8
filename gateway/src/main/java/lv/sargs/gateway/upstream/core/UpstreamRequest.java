package lv.sargs.gateway.upstream.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One HTTP request to an upstream: method, path (appended to the upstream's base path; may carry
 * a query), extra headers and body; GET requests are idempotent and may be retried, others not.
 * Header values may be secrets (bearer tokens), so {@link #toString()} prints names only.
 *
 * @param method {@code GET} or {@code POST}
 * @param path an absolute path such as {@code /legalentity/v1.0/legal-entity/40003521600}
 * @param headers name/value pairs in order
 * @param contentType the body's media type, or null without a body
 * @param body the body, empty for none
 */
public record UpstreamRequest(String method, String path, List<Header> headers, String contentType, byte[] body) {

    /** One request header. */
    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header " + name + ": contains CR or LF (expected: one line)");
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    public UpstreamRequest {
        if (!"GET".equals(method) && !"POST".equals(method)) {
            throw new IllegalArgumentException("request.method: " + method + " (expected: GET or POST)");
        }
        if (path == null || !path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new IllegalArgumentException("request.path: " + path
                    + " (expected: an absolute, percent-encoded path)");
        }
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** A GET of {@code path}. */
    public static UpstreamRequest get(String path) {
        return new UpstreamRequest("GET", path, List.of(), null, new byte[0]);
    }

    /** A POST of {@code body} of type {@code contentType} to {@code path}. */
    public static UpstreamRequest post(String path, String contentType, byte[] body) {
        return new UpstreamRequest("POST", path, List.of(), contentType, body);
    }

    /** A copy with one more header. */
    public UpstreamRequest withHeader(String name, String value) {
        List<Header> more = new ArrayList<>(headers.size() + 1);
        more.addAll(headers);
        more.add(new Header(name, value));
        return new UpstreamRequest(method, path, more, contentType, body);
    }

    /** Whether the request may be sent again after a failure (GET only). */
    public boolean idempotent() {
        return "GET".equals(method);
    }

    @Override
    public String toString() {
        return method + " " + path + " headers=" + headers;
    }
}
