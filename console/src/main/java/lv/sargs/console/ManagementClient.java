package lv.sargs.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * The console's only connection: the gateway's management listener, plain on loopback or over
 * mutual TLS; every action names the operator in {@code X-Sargs-Operator} (on TLS the gateway
 * takes the name from the client certificate instead).
 */
final class ManagementClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final URI base;
    private final String operator;
    private final HttpClient http;

    ManagementClient(URI base, String operator, SSLContext tls) {
        this.base = base;
        this.operator = operator;
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT);
        if (tls != null) {
            b.sslContext(tls);
        }
        this.http = b.build();
    }

    URI base() {
        return base;
    }

    JsonNode status() throws IOException {
        return JSON.readTree(get("/v1/status"));
    }

    String metrics() throws IOException {
        return get("/metrics");
    }

    JsonNode checkpoints() throws IOException {
        return JSON.readTree(send(request("/v1/audit/checkpoint").GET()));
    }

    /** Acknowledges alarm {@code id}; the answer's JSON. */
    JsonNode acknowledge(String id) throws IOException {
        return post("/v1/alarms/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20") + "/acknowledge");
    }

    JsonNode post(String path) throws IOException {
        return JSON.readTree(send(request(path).POST(HttpRequest.BodyPublishers.noBody())));
    }

    private String get(String path) throws IOException {
        return send(request(path).GET());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("X-Sargs-Operator", operator);
    }

    private String send(HttpRequest.Builder request) throws IOException {
        HttpResponse<String> r;
        try {
            r = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (r.statusCode() >= 400) {
            String detail = r.body();
            try {
                detail = JSON.readTree(r.body()).path("detail").asText(r.body());
            } catch (IOException e) {
                // Not problem+json: show the body as it came.
            }
            throw new IOException("HTTP " + r.statusCode() + ": " + detail);
        }
        return r.body();
    }
}
