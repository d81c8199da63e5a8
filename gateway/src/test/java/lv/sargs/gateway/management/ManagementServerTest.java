package lv.sargs.gateway.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import lv.sargs.gateway.capability.Transport;
import lv.sargs.gateway.config.Cidr;
import lv.sargs.gateway.config.Endpoint;
import lv.sargs.gateway.config.ManagementListenerConfig;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.status.State;
import lv.sargs.gateway.status.StatusModel;
import lv.sargs.gateway.status.StatusReporter;
import lv.sargs.gateway.threads.ThreadPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ManagementServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Transport transport = Transport.create(new ThreadPools(new Metrics()), 1);
    private final StatusModel status = new StatusModel(Clock.systemUTC());
    private final Metrics metrics = new Metrics();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private ManagementServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        transport.close();
    }

    private void start(List<Cidr> allowList) throws IOException {
        server = ManagementServer.start(new ManagementListenerConfig(new Endpoint("127.0.0.1", 0), allowList,
                Optional.empty()), transport, status, metrics, null);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }

    @Test
    void readyzIs503UntilEveryRequiredComponentIsReadyThen200() throws Exception {
        StatusReporter config = status.register("config", true, State.OK, "loaded /etc/sargs/sargs.yaml");
        StatusReporter token = status.register("token", true, State.FAILED, "not opened yet");
        StatusReporter stores = status.register("stores", true, State.FAILED, "not open yet");
        status.register("upstream.viss", false, State.FAILED, "not connected");
        start(List.of(Cidr.parse("127.0.0.1/32")));

        HttpResponse<String> notReady = get("/readyz");
        assertEquals(503, notReady.statusCode());
        JsonNode body = JSON.readTree(notReady.body());
        assertEquals(false, body.get("ready").asBoolean());
        assertEquals(List.of("token", "stores"), names(body.get("notReady")));

        token.ok("logged in");
        assertEquals(List.of("stores"), names(JSON.readTree(get("/readyz").body()).get("notReady")));
        stores.ok("open");
        HttpResponse<String> ready = get("/readyz");
        assertEquals(200, ready.statusCode());
        assertEquals("{\"ready\":true,\"notReady\":[]}", ready.body());

        config.failed("reload failed");
        assertEquals(503, get("/readyz").statusCode());
    }

    @Test
    void healthzAnswersWhileNotReady() throws Exception {
        status.register("token", true, State.FAILED, "not opened yet");
        start(List.of(Cidr.parse("127.0.0.1/32")));
        HttpResponse<String> r = get("/healthz");
        assertEquals(200, r.statusCode());
        assertEquals("ok\n", r.body());
    }

    @Test
    void statusShowsEachComponentWithStateReasonAndSince() throws Exception {
        status.register("token", true, State.DEGRADED, "demo token: keys in memory, NOT FOR PRODUCTION");
        start(List.of(Cidr.parse("127.0.0.1/32")));
        HttpResponse<String> r = get("/v1/status");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("content-type").orElseThrow());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("DEGRADED", body.get("state").asText());
        JsonNode token = body.get("components").get(0);
        assertEquals("token", token.get("name").asText());
        assertEquals("demo token: keys in memory, NOT FOR PRODUCTION", token.get("reason").asText());
        assertTrue(token.get("since").asText().endsWith("Z"));
    }

    @Test
    void metricsAreInThePrometheusTextFormat() throws Exception {
        metrics.counter("sargs_test_total", "A test counter", "").add(7);
        start(List.of(Cidr.parse("127.0.0.1/32")));
        HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("content-type").orElseThrow());
        assertTrue(r.body().contains("# TYPE sargs_test_total counter\nsargs_test_total 7\n"), r.body());
    }

    @Test
    void answersUnknownRoutesAndMethodsWithProblemJson() throws Exception {
        start(List.of(Cidr.parse("127.0.0.1/32")));
        HttpResponse<String> missing = send(HttpRequest.newBuilder(uri("/admin")).header("X-Request-Id", "probe-1"));
        assertEquals(404, missing.statusCode());
        assertEquals("application/problem+json", missing.headers().firstValue("content-type").orElseThrow());
        JsonNode problem = JSON.readTree(missing.body());
        assertEquals("https://sargs.lv/problems/not-found", problem.get("type").asText());
        assertEquals("probe-1", problem.get("requestId").asText());
        assertEquals("probe-1", missing.headers().firstValue("x-request-id").orElseThrow());

        HttpResponse<String> post = send(HttpRequest.newBuilder(uri("/readyz")).POST(HttpRequest.BodyPublishers.ofString("x")));
        assertEquals(405, post.statusCode());
        assertEquals("GET", post.headers().firstValue("allow").orElseThrow());
    }

    @Test
    void refusesSourcesOutsideItsAllowList() throws Exception {
        start(List.of(Cidr.parse("10.0.0.0/8")));
        assertThrows(IOException.class, () -> get("/healthz"));
        assertTrue(metrics.counter("sargs_connections_refused_total", "",
                "listener=\"management\",reason=\"allow-list\"").get() >= 1);
    }

    @Test
    void stopsAcceptingButAnswersOpenConnectionsWhileDraining() throws Exception {
        start(List.of(Cidr.parse("127.0.0.1/32")));
        assertEquals(200, get("/healthz").statusCode());
        server.stopAccepting();
        assertTrue(server.awaitIdle(Duration.ofSeconds(1)));
        HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThrows(IOException.class, () -> fresh.send(HttpRequest.newBuilder(uri("/healthz"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static List<String> names(JsonNode components) {
        return java.util.stream.StreamSupport.stream(components.spliterator(), false)
                .map(c -> c.get("name").asText()).toList();
    }
}
