package lv.sargs.sandbox.server;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * One request as an endpoint sees it: already routed, its body read, and the client certificate
 * the TLS handshake verified against the simulator's registered certificates.
 *
 * @param endpoint the route's endpoint name
 * @param method HTTP method
 * @param path the path, without the query
 * @param pathParams values of the route pattern's {@code {name}} segments, URL-decoded
 * @param query query parameters, URL-decoded
 * @param headers request headers
 * @param body the body bytes
 * @param clientCertificate the TLS client certificate
 */
public record SimulatorRequest(String endpoint, HttpMethod method, String path, Map<String, String> pathParams,
                               Map<String, List<String>> query, HttpHeaders headers, byte[] body,
                               X509Certificate clientCertificate) {

    /** The first value of query parameter {@code name}, or {@code null}. */
    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
