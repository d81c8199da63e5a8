package lv.sargs.gateway.upstream;

import lv.sargs.gateway.upstream.core.UpstreamSettings;
import lv.sargs.gateway.upstream.core.UpstreamRequest;
import lv.sargs.gateway.upstream.core.UpstreamException;
import lv.sargs.gateway.upstream.core.Phase;
import lv.sargs.gateway.upstream.core.Deadline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.ApplicationProtocolNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import lv.sargs.gateway.upstream.core.UpstreamException.Code;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpstreamHttp2Test {

    private static final Duration BUDGET = Duration.ofSeconds(5);
    private final UpstreamFixture fixture = new UpstreamFixture();

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    @Test
    void negotiatesH2AndMultiplexesConcurrentCallsOnOneConnection() throws Exception {
        var server = fixture.http2Server((request, reply) ->
                reply.later(Duration.ofMillis(200), () -> reply.json(200, "{\"uri\":\"" + request.uri() + "\"}")));
        var client = fixture.client(fixture.settings("viss", server.uri()));
        client.call(UpstreamRequest.get("/warm"), Deadline.after(BUDGET)).join();

        List<CompletableFuture<UpstreamResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(client.call(UpstreamRequest.get("/item/" + i), Deadline.after(BUDGET)));
        }
        for (int i = 0; i < 20; i++) {
            assertEquals("{\"uri\":\"/item/" + i + "\"}", new String(calls.get(i).join().body()));
        }

        assertEquals(ApplicationProtocolNames.HTTP_2, server.lastProtocol());
        assertEquals(1, server.handshakes());
        assertEquals(1, client.openConnections());
        assertTrue(server.concurrentPeak() >= 10, "peak " + server.concurrentPeak() + " concurrent streams");
    }

    @Test
    void failsAStreamAtTheDeadlineAndKeepsTheConnection() throws Exception {
        var server = fixture.http2Server((request, reply) -> {
            if (request.uri().equals("/slow")) {
                reply.stall();
            } else {
                reply.json(200, "{}");
            }
        });
        var client = fixture.client(fixture.settings("viss", server.uri()));
        client.call(UpstreamRequest.get("/warm"), Deadline.after(BUDGET)).join();

        CompletionException e = assertThrows(CompletionException.class,
                () -> client.call(UpstreamRequest.get("/slow"), Deadline.after(Duration.ofMillis(300))).join());
        UpstreamResponse after = client.call(UpstreamRequest.get("/ok"), Deadline.after(BUDGET)).join();

        assertEquals(Code.DEADLINE_EXCEEDED, ((UpstreamException) e.getCause()).code());
        assertEquals(Phase.RESPONSE, ((UpstreamException) e.getCause()).phase());
        assertEquals(200, after.status());
        assertEquals(1, server.handshakes());
    }

    @Test
    void retriesAGetWhoseStreamWasReset() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        var server = fixture.http2Server((request, reply) -> {
            if (seen.incrementAndGet() == 1) {
                reply.reset();
            } else {
                reply.json(200, "{}");
            }
        });
        var client = fixture.client(fixture.settings("viss", server.uri()));

        assertEquals(200, client.call(UpstreamRequest.get("/flaky"), Deadline.after(BUDGET)).join().status());
        assertEquals(2, server.requests());
        assertEquals(1, server.handshakes());
    }

    @Test
    void speaksHttp11WhenH2IsNotOffered() throws Exception {
        var server = fixture.http2Server((request, reply) -> reply.json(200, "{}"));
        var settings = fixture.settings("viss", server.uri());
        var client = fixture.client(new UpstreamSettings(settings.name(), settings.baseUri(), settings.tls(),
                settings.pool().withOfferHttp2(false), settings.breaker(), settings.retry()));

        assertEquals(200, client.call(UpstreamRequest.get("/"), Deadline.after(BUDGET)).join().status());
        assertEquals(ApplicationProtocolNames.HTTP_1_1, server.lastProtocol());
    }
}
