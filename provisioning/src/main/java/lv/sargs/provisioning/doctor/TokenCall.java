package lv.sargs.provisioning.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.jws.ClientAssertions;
import lv.sargs.hsm.jws.JwsSigner;

/**
 * The first protocol step of an OAuth upstream: the token call over the same mutual TLS, with the
 * client secret and, for VISS, the RS256 client assertion signed on the token (docs/protocols.md §1).
 * The access token it gets is never shown.
 */
final class TokenCall {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ASSERTION_LIFETIME = Duration.ofSeconds(300);

    private final Token token;
    private final Duration timeout;

    TokenCall(Token token, Duration timeout) {
        this.token = token;
        this.timeout = timeout;
    }

    Check call(String name, UpstreamTarget u, List<X509Certificate> chain, SSLContext tls, ClockSkew skew) {
        UpstreamTarget.TokenStep step = u.tokenStep().orElseThrow();
        Stopwatch watch = Stopwatch.start();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", step.clientId());
        char[] secret;
        try {
            secret = step.secret().read();
        } catch (IllegalStateException e) {
            return Check.fail(name, e.getMessage(), "write the client secret to the file "
                    + u.configPath() + ".clientSecret names (one line, chmod 600)", watch.millis());
        }
        form.put("client_secret", new String(secret));
        java.util.Arrays.fill(secret, '\0');
        if (step.audience().isPresent()) {
            try {
                String assertion = new JwsSigner(token, u.keyLabel(), SignatureAlgorithm.SHA256_WITH_RSA, chain)
                        .sign(ClientAssertions.claims(step.clientId(), step.audience().get(), Instant.now(),
                                ASSERTION_LIFETIME)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
                form.put("client_assertion", assertion);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                return Check.fail(name, "the client assertion could not be signed with '" + u.keyLabel() + "' ("
                        + UpstreamProbe.rootMessage(e) + ")", "check the key and its chain: sargs-admin keys list",
                        watch.millis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Check.fail(name, "interrupted", "", watch.millis());
            }
        }
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        URI uri = URI.create(u.baseUri().toString().replaceAll("/+$", "") + "/token");
        HttpResponse<String> answer;
        try {
            answer = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(timeout).build().send(HttpRequest.newBuilder(uri).timeout(timeout)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return Check.fail(name, "POST " + uri + ": no answer within " + timeout.toMillis() + " ms",
                    "the token endpoint stalls: tell " + u.name() + "'s operator; the gateway serves cached"
                            + " answers (marked stale) meanwhile", watch.millis());
        } catch (IOException e) {
            return Check.fail(name, "POST " + uri + ": " + UpstreamProbe.rootMessage(e),
                    "retry; if it persists tell " + u.name() + "'s operator", watch.millis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Check.fail(name, "interrupted", "", watch.millis());
        }
        answer.headers().firstValue("Date").ifPresent(d -> skew.observe(u.name(), d));
        if (answer.statusCode() == 200 && accessToken(answer.body())) {
            return Check.ok(name, "POST " + uri + ": 200, an access token was issued", watch.millis());
        }
        return Check.fail(name, "POST " + uri + ": " + answer.statusCode() + " " + error(answer.body()),
                "check " + u.configPath() + ".clientId, its secret and (VISS) audience against the registration;"
                        + " the certificate of '" + u.keyLabel() + "' must be the registered one", watch.millis());
    }

    private static boolean accessToken(String body) {
        try {
            return JSON.readTree(body).hasNonNull("access_token");
        } catch (IOException e) {
            return false;
        }
    }

    private static String error(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            String error = json.path("error").asText("");
            String description = json.path("error_description").asText("");
            return (error + " " + description).strip();
        } catch (IOException e) {
            return "(no JSON answer)";
        }
    }
}
