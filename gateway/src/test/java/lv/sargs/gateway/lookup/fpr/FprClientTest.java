package lv.sargs.gateway.lookup.fpr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import lv.sargs.gateway.upstream.Authorization;
import lv.sargs.gateway.upstream.core.Deadline;
import lv.sargs.gateway.upstream.core.Phase;
import lv.sargs.gateway.upstream.ScriptedHttpsServer;
import lv.sargs.gateway.upstream.UpstreamClient;
import lv.sargs.gateway.upstream.core.UpstreamException;
import lv.sargs.gateway.upstream.core.UpstreamException.Code;
import lv.sargs.gateway.upstream.UpstreamFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FprClientTest {

    private static final Duration BUDGET = Duration.ofSeconds(5);
    private static final String PERMISSION = "DAGR-2024/17";
    private static final String PERSON = "{\"personalCode\":\"16117519997\",\"forename\":\"Jānis\"}";
    private static final String CHANGED = "{\"personalCode\":\"32579461005\",\"previousPersonalCode\":\"29075810403\"}";

    /** Hands out "Bearer t1", then after a refusal "Bearer t2", …; records refusals. */
    private static final class RotatingAuthorization implements Authorization {
        final AtomicInteger generation = new AtomicInteger(1);
        final List<String> refused = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<String> value(Deadline deadline) {
            return CompletableFuture.completedFuture("Bearer t" + generation.get());
        }

        @Override
        public void refused(String value) {
            refused.add(value);
            generation.incrementAndGet();
        }
    }

    private final UpstreamFixture fixture = new UpstreamFixture();
    private final RotatingAuthorization authorization = new RotatingAuthorization();
    private volatile String acceptedToken = "Bearer t1";
    private ScriptedHttpsServer server;
    private UpstreamClient upstream;
    private FprClient client;

    @BeforeEach
    void start() throws Exception {
        server = fixture.server((request, reply) -> {
            if (!acceptedToken.equals(request.headers().get("Authorization"))) {
                reply.json(401, "{\"error\":\"invalid_token\"}");
            } else if (!PERMISSION.equals(request.headers().get(FprClient.PERMISSION_HEADER))) {
                reply.json(403, "{\"error\":\"permission\"}");
            } else if (request.uri().equals("/fpr_person/v1/persons/16117519997")) {
                reply.json(200, PERSON);
            } else if (request.uri().equals("/fpr_person/v1/persons/29075810403")) {
                reply.json(200, CHANGED);
            } else if (request.uri().equals("/fpr_person/v1/persons-changes?from=2026-11-20T00%3A00%3A00Z&limit=100")) {
                reply.json(200, "{\"changes\":[]}");
            } else if (request.uri().equals("/fpr_person/v1/persons/05059912345")) {
                reply.later(Duration.ofSeconds(3), () -> reply.json(200, PERSON));
            } else if (request.uri().equals("/fpr_person/v1/persons/05059954321")) {
                reply.raw("HTTP/1.1 200 OK\r\nContent-Length: 400\r\n\r\n{\"personalCode\":");
            } else {
                reply.json(404, "{\"error\":\"not_found\"}");
            }
        });
        upstream = fixture.client(fixture.settings("fpr", server.uri()));
        client = FprClient.create(upstream, FprSettings.sandbox(PERMISSION), authorization);
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    private static UpstreamException failure(CompletableFuture<?> call) {
        CompletionException e = assertThrows(CompletionException.class, call::join);
        return assertInstanceOf(UpstreamException.class, e.getCause());
    }

    @Test
    void returnsThePersonWithAuthorizationAndPermission() {
        FprResult result = client.person("161175-19997", Deadline.after(BUDGET)).join();

        var answer = assertInstanceOf(FprResult.Answer.class, result);
        assertEquals(200, answer.status());
        assertEquals(PERSON, new String(answer.json(), StandardCharsets.UTF_8));
    }

    @Test
    void passesAChangedCodeAnswerThroughForTheLookupToFollow() {
        var answer = assertInstanceOf(FprResult.Answer.class, client.person("29075810403", Deadline.after(BUDGET)).join());

        assertEquals(CHANGED, new String(answer.json(), StandardCharsets.UTF_8));
    }

    @Test
    void reportsAnUnknownPersonAsNotFound() {
        FprResult result = client.person("32000000000", Deadline.after(BUDGET)).join();

        assertEquals(new FprResult.NotFound("/fpr_person/v1/persons/32000000000"), result);
    }

    @Test
    void encodesTheChangesCursor() {
        var answer = assertInstanceOf(FprResult.Answer.class,
                client.changes("2026-11-20T00:00:00Z", Deadline.after(BUDGET)).join());

        assertEquals(200, answer.status());
    }

    @Test
    void renewsARefusedAuthorizationOnceAndRetries() {
        acceptedToken = "Bearer t2";

        var answer = assertInstanceOf(FprResult.Answer.class, client.person("16117519997", Deadline.after(BUDGET)).join());

        assertEquals(200, answer.status());
        assertEquals(List.of("Bearer t1"), authorization.refused);
    }

    @Test
    void failsUnauthorizedWhenTheRenewedAuthorizationIsRefusedToo() {
        acceptedToken = "Bearer never";

        UpstreamException e = failure(client.person("16117519997", Deadline.after(BUDGET)));

        assertEquals(Code.UNAUTHORIZED, e.code());
        assertEquals(2, server.requests());
    }

    @Test
    void honoursTheDeadlineWhenTheRegisterIsSlow() {
        UpstreamException e = failure(client.person("05059912345", Deadline.after(Duration.ofMillis(400))));

        assertEquals(Code.DEADLINE_EXCEEDED, e.code());
        assertEquals(Phase.RESPONSE, e.phase());
        assertEquals("fpr", e.upstream());
    }

    @Test
    void reportsATruncatedBodyAsMalformed() {
        UpstreamException e = failure(client.person("05059954321", Deadline.after(BUDGET)));

        assertEquals(Code.MALFORMED_RESPONSE, e.code());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void refusesAPathInjectionInThePersonalCode() {
        assertEquals(Code.INVALID_REQUEST, failure(client.person("16117519997/../x", Deadline.after(BUDGET))).code());
        assertEquals(0, server.requests());
    }
}
