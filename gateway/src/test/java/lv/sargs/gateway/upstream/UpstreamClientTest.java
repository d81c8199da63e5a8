package lv.sargs.gateway.upstream;

import lv.sargs.gateway.upstream.core.RetryPolicy;
import lv.sargs.gateway.upstream.core.UpstreamSettings;
import lv.sargs.gateway.upstream.core.UpstreamRequest;
import lv.sargs.gateway.upstream.core.UpstreamException;
import lv.sargs.gateway.upstream.core.PoolSettings;
import lv.sargs.gateway.upstream.core.Phase;
import lv.sargs.gateway.upstream.core.Deadline;
import lv.sargs.gateway.upstream.core.BreakerSettings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import lv.sargs.gateway.upstream.core.UpstreamException.Code;
import lv.sargs.gateway.upstream.UpstreamState.Health;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpstreamClientTest {

    private static final Duration BUDGET = Duration.ofSeconds(5);
    private final UpstreamFixture fixture = new UpstreamFixture();

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    private static UpstreamException failure(CompletableFuture<?> call) {
        CompletionException e = assertThrows(CompletionException.class, call::join);
        assertTrue(e.getCause() instanceof UpstreamException, () -> "not an UpstreamException: " + e.getCause());
        return (UpstreamException) e.getCause();
    }

    @Test
    void returnsResponseOverMutualTlsWithTheTokenKey() throws Exception {
        var server = fixture.server((request, reply) -> reply.json(200, "{\"path\":\"" + request.uri() + "\"}"));
        var client = fixture.client(fixture.settings("viss", server.uri()));

        UpstreamResponse response = client.call(UpstreamRequest.get("/legal/40003521600"), Deadline.after(BUDGET)).join();

        assertEquals(200, response.status());
        assertEquals("application/json", response.contentType());
        assertEquals("{\"path\":\"/legal/40003521600\"}", new String(response.body(), StandardCharsets.UTF_8));
        assertEquals(fixture.clientKey.leaf(), server.lastClientCertificate());
        assertEquals(Health.UP, client.state().health());
        assertEquals(1, fixture.counter("sargs_upstream_calls_total", "upstream=\"viss\",outcome=\"ok\""));
    }

    @Test
    void appendsRequestPathToTheBasePathAndSendsHeadersAndBody() throws Exception {
        var seen = new CompletableFuture<String>();
        var server = fixture.server((request, reply) -> {
            seen.complete(request.method() + " " + request.uri() + " " + request.headers().get("X-Test") + " "
                    + request.content().toString(StandardCharsets.UTF_8));
            reply.json(200, "{}");
        });
        var client = fixture.client(fixture.settings("viss", URI.create(server.uri() + "/api/")));

        client.call(UpstreamRequest.post("/token", "text/plain", "a=b".getBytes(StandardCharsets.UTF_8))
                .withHeader("X-Test", "yes"), Deadline.after(BUDGET)).join();

        assertEquals("POST /api/token yes a=b", seen.get(5, TimeUnit.SECONDS));
    }

    @Test
    void resolvesAHostNameAndVerifiesTheCertificateAgainstIt() throws Exception {
        var server = fixture.server(fixture.upstreamCa.issue("localhost").server("localhost").build(),
                (request, reply) -> reply.json(200, "{}"));
        var client = fixture.client(fixture.settings("viss", URI.create("https://localhost:" + server.uri().getPort())));

        assertEquals(200, client.call(UpstreamRequest.get("/"), Deadline.after(BUDGET)).join().status());
    }

    @Test
    void reusesOneConnectionForManyCalls() throws Exception {
        var server = fixture.server((request, reply) -> reply.json(200, "{}"));
        var client = fixture.client(fixture.settings("viss", server.uri()));

        for (int i = 0; i < 1000; i++) {
            client.call(UpstreamRequest.get("/ping"), Deadline.after(BUDGET)).join();
        }

        assertEquals(1, server.handshakes());
        assertEquals(1, fixture.counter("sargs_upstream_tls_handshakes_total", "upstream=\"viss\""));
        assertEquals(1000, fixture.counter("sargs_upstream_calls_total", "upstream=\"viss\",outcome=\"ok\""));
        assertEquals(1, client.openConnections());
    }

    @Test
    void failsAtTheDeadlineWhenTheUpstreamIsSlow() throws Exception {
        var server = fixture.server((request, reply) -> reply.stall());
        var client = fixture.client(fixture.settings("viss", server.uri()));
        client.call(UpstreamRequest.get("/warm"), Deadline.after(Duration.ofMillis(400))).exceptionally(e -> null).join();

        long start = System.nanoTime();
        UpstreamException e = failure(client.call(UpstreamRequest.get("/slow"), Deadline.after(Duration.ofMillis(300))));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(Code.DEADLINE_EXCEEDED, e.code());
        assertEquals(Phase.RESPONSE, e.phase());
        assertEquals("viss", e.upstream());
        assertTrue(e.getMessage().contains("300 ms"), e.getMessage());
        assertTrue(elapsedMillis >= 250 && elapsedMillis < 2500, "failed after " + elapsedMillis + " ms");
    }

    @Test
    void failsAtTheDeadlineWhenTheHandshakeStalls() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getByName("127.0.0.1"))) {
            var client = fixture.client(fixture.settings("viss", URI.create("https://127.0.0.1:" + silent.getLocalPort())));

            long start = System.nanoTime();
            UpstreamException e = failure(client.call(UpstreamRequest.get("/"), Deadline.after(Duration.ofMillis(300))));
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertEquals(Code.DEADLINE_EXCEEDED, e.code());
            assertEquals(Phase.HANDSHAKE, e.phase());
            assertTrue(elapsedMillis >= 250 && elapsedMillis < 2500, "failed after " + elapsedMillis + " ms");
        }
    }

    @Test
    void waitsForAConnectionNoLongerThanTheDeadline() throws Exception {
        var server = fixture.server((request, reply) -> reply.stall());
        var settings = fixture.settings("viss", server.uri());
        settings = new UpstreamSettings(settings.name(), settings.baseUri(), settings.tls(),
                new PoolSettings(1, 10, Duration.ofSeconds(2), Duration.ofSeconds(30), 65536, true), settings.breaker(),
                settings.retry());
        var client = fixture.client(settings);
        var occupying = client.call(UpstreamRequest.get("/stalls"), Deadline.after(Duration.ofSeconds(2)));

        UpstreamException e = failure(client.call(UpstreamRequest.get("/waits"), Deadline.after(Duration.ofMillis(300))));

        assertEquals(Code.DEADLINE_EXCEEDED, e.code());
        assertEquals(Phase.POOL_WAIT, e.phase());
        assertEquals(Code.DEADLINE_EXCEEDED, failure(occupying).code());
    }

    @Test
    void concurrentCallsOpenUpToMaxConnectionsAtOnceAndTheRestTakeAFreedOne() throws Exception {
        // More than the pool opens at once (ConnectionPool.MAX_OPENING): the calls past it wait, and each
        // opening that completes makes room for the next, until max connections are open.
        int max = 12;
        int calls = 16;
        // The server answers nothing until max requests are in, at once: so every call completes only
        // if the pool opened all max connections rather than reusing fewer one after another.
        List<ScriptedHttpsServer.Reply> held = new java.util.ArrayList<>();
        boolean[] released = {false};
        var server = fixture.server((request, reply) -> {
            synchronized (held) {
                if (released[0]) {
                    reply.json(200, "{}");
                    return;
                }
                held.add(reply);
                if (held.size() == max) {
                    released[0] = true;
                    held.forEach(r -> r.json(200, "{}"));
                }
            }
        });
        var settings = fixture.settings("viss", server.uri());
        settings = new UpstreamSettings(settings.name(), settings.baseUri(), settings.tls(),
                settings.pool().withMaxConnections(max).withOfferHttp2(false), settings.breaker(), settings.retry());
        var client = fixture.client(settings);

        List<CompletableFuture<UpstreamResponse>> inFlight = new java.util.ArrayList<>();
        for (int i = 0; i < calls; i++) {
            inFlight.add(client.call(UpstreamRequest.get("/legal/" + i), Deadline.after(BUDGET)));
        }

        for (CompletableFuture<UpstreamResponse> call : inFlight) {
            assertEquals(200, call.join().status());
        }
        assertEquals(max, server.handshakes());
        assertEquals(max, server.concurrentPeak());
        assertEquals(calls, server.requests());
        assertEquals(max, client.openConnections());
    }

    @Test
    void retriesGetAfterAResetWithinTheBudget() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        var server = fixture.server((request, reply) -> {
            if (seen.incrementAndGet() == 1) {
                reply.reset();
            } else {
                reply.json(200, "{\"ok\":true}");
            }
        });
        var client = fixture.client(fixture.settings("viss", server.uri()));

        UpstreamResponse response = client.call(UpstreamRequest.get("/flaky"), Deadline.after(BUDGET)).join();

        assertEquals(200, response.status());
        assertEquals(2, server.requests());
        assertEquals(1, fixture.counter("sargs_upstream_retries_total", "upstream=\"viss\""));
        assertEquals(Health.DEGRADED, client.state().health());
    }

    @Test
    void doesNotRetryAPostAfterAReset() throws Exception {
        var server = fixture.server((request, reply) -> reply.reset());
        var client = fixture.client(fixture.settings("viss", server.uri()));

        UpstreamException e = failure(client.call(UpstreamRequest.post("/token", "text/plain", new byte[1]),
                Deadline.after(BUDGET)));

        assertEquals(Code.CONNECTION_RESET, e.code());
        assertEquals(1, server.requests());
    }

    @Test
    void retriesServerErrorsThenReportsTheLastOne() throws Exception {
        var server = fixture.server((request, reply) -> reply.json(503, "{}"));
        var client = fixture.client(fixture.settings("viss", server.uri()));

        UpstreamException e = failure(client.call(UpstreamRequest.get("/down"), Deadline.after(BUDGET)));

        assertEquals(Code.SERVER_ERROR, e.code());
        assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
        assertEquals(3, server.requests());
        assertEquals(Health.DEGRADED, client.state().health());
        assertTrue(client.state().lastError().orElseThrow().contains("HTTP 503"));
    }

    @Test
    void honoursRetryAfterThatFitsTheBudget() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        var server = fixture.server((request, reply) -> {
            if (seen.incrementAndGet() == 1) {
                reply.send(429, "application/json", new byte[0], Map.of("Retry-After", "1"));
            } else {
                reply.json(200, "{}");
            }
        });
        var client = fixture.client(fixture.settings("viss", server.uri()));

        long start = System.nanoTime();
        assertEquals(200, client.call(UpstreamRequest.get("/busy"), Deadline.after(BUDGET)).join().status());

        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(900), "did not wait for Retry-After");
        assertEquals(2, server.requests());
    }

    @Test
    void surfacesRetryAfterBeyondTheDeadlineWithoutWaiting() throws Exception {
        var server = fixture.server((request, reply) ->
                reply.send(429, "application/json", new byte[0], Map.of("Retry-After", "120")));
        var client = fixture.client(fixture.settings("viss", server.uri()));

        long start = System.nanoTime();
        UpstreamException e = failure(client.call(UpstreamRequest.get("/busy"), Deadline.after(BUDGET)));

        assertEquals(Code.RATE_LIMITED, e.code());
        assertEquals(Duration.ofSeconds(120), e.retryAfter().orElseThrow());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4), "waited although Retry-After exceeds budget");
        assertEquals(1, server.requests());
    }

    @Test
    void reportsMalformedAndTruncatedResponsesAndKeepsWorking() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        var server = fixture.server((request, reply) -> {
            switch (seen.incrementAndGet()) {
                case 1 -> reply.raw("HTTP/1.1 two hundred\r\nContent-Length: 2\r\n\r\n{}");
                case 2 -> reply.raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"cut");
                default -> reply.json(200, "{}");
            }
        });
        var client = fixture.client(fixture.settings("viss", server.uri()));

        UpstreamException garbled = failure(client.call(UpstreamRequest.get("/a"), Deadline.after(BUDGET)));
        UpstreamException truncated = failure(client.call(UpstreamRequest.get("/b"), Deadline.after(BUDGET)));
        UpstreamResponse healthy = client.call(UpstreamRequest.get("/c"), Deadline.after(BUDGET)).join();

        assertEquals(Code.MALFORMED_RESPONSE, garbled.code(), garbled.getMessage());
        assertEquals(Code.MALFORMED_RESPONSE, truncated.code(), truncated.getMessage());
        assertEquals(200, healthy.status());
        assertEquals(3, server.handshakes());
    }

    @Test
    void refusesAResponseLargerThanConfigured() throws Exception {
        var server = fixture.server((request, reply) -> reply.send(200, "application/json", new byte[100_000], Map.of()));
        var client = fixture.client(fixture.settings("viss", server.uri()));

        UpstreamException e = failure(client.call(UpstreamRequest.get("/big"), Deadline.after(BUDGET)));

        assertEquals(Code.MALFORMED_RESPONSE, e.code(), e.getMessage());
    }

    @Test
    void opensTheBreakerAfterRepeatedFailuresAndRecoversAfterTheCoolDown() throws Exception {
        var server = fixture.server((request, reply) -> reply.json(500, "{}"));
        var settings = fixture.settings("fpr", server.uri());
        settings = new UpstreamSettings(settings.name(), settings.baseUri(), settings.tls(), settings.pool(),
                new BreakerSettings(3, 1.0, 10, Duration.ofMillis(300)),
                new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10)));
        var client = fixture.client(settings);

        for (int i = 0; i < 3; i++) {
            assertEquals(Code.SERVER_ERROR, failure(client.call(UpstreamRequest.get("/x"), Deadline.after(BUDGET))).code());
        }
        UpstreamException fast = failure(client.call(UpstreamRequest.get("/x"), Deadline.after(BUDGET)));

        assertEquals(Code.CIRCUIT_OPEN, fast.code());
        assertEquals(3, server.requests());
        assertEquals(Health.DOWN, client.state().health());
        assertTrue(client.state().lastError().orElseThrow().contains("HTTP 500"), client.state().toString());

        server.script((request, reply) -> reply.json(200, "{}"));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        UpstreamResponse recovered = null;
        while (recovered == null && System.nanoTime() < until) {
            try {
                recovered = client.call(UpstreamRequest.get("/x"), Deadline.after(BUDGET)).join();
            } catch (CompletionException e) {
                Thread.sleep(50);
            }
        }

        assertEquals(200, recovered.status());
        assertEquals(Health.UP, client.state().health());
        assertEquals(List.of(Health.DEGRADED, Health.DOWN, Health.UP),
                fixture.stateChanges.stream().map(UpstreamState::health).toList());
    }

    @Test
    void failsConnectingToAClosedPortWithoutRetryingPastTheBudget() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        var client = fixture.client(fixture.settings("viss", URI.create("https://127.0.0.1:" + port)));

        UpstreamException e = failure(client.call(UpstreamRequest.get("/"), Deadline.after(BUDGET)));

        assertEquals(Code.CONNECT_FAILED, e.code());
        assertEquals(Phase.CONNECT, e.phase());
        assertArrayEquals(new long[] {2}, new long[] {fixture.counter("sargs_upstream_retries_total", "upstream=\"viss\"")});
    }
}
