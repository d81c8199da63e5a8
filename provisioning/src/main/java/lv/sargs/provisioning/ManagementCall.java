package lv.sargs.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** One POST to the management listener as an operator; answers the status and the JSON body. */
final class ManagementCall {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The answer: HTTP status and its JSON (problem+json on refusal). */
    record Answer(int status, JsonNode body) {
        /** The problem's detail, for a refusal. */
        String detail() {
            return body.path("detail").asText("HTTP " + status);
        }
    }

    private final URI base;
    private final String operator;
    private final HttpClient http;
    private final Duration timeout;

    ManagementCall(URI base, String operator, SSLContext tls, Duration timeout) {
        this.base = base;
        this.operator = operator;
        this.timeout = timeout;
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5));
        if (tls != null) {
            b.sslContext(tls);
        }
        this.http = b.build();
    }

    /** POSTs to {@code path}; AdminException (exit 1) when no JSON answer came. */
    Answer post(String path) {
        URI uri = base.resolve(path);
        HttpResponse<String> answer;
        try {
            answer = http.send(HttpRequest.newBuilder(uri).timeout(timeout).header("X-Sargs-Operator", operator)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AdminException(1, uri + ": no answer (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); is the gateway running? (systemctl"
                    + " status sargs)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException(1, uri + ": interrupted");
        }
        try {
            return new Answer(answer.statusCode(), JSON.readTree(answer.body()));
        } catch (IOException e) {
            throw new AdminException(1, uri + ": answered " + answer.statusCode() + " without JSON");
        }
    }
}
