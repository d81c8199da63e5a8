package lv.sargs.gateway.lookup.viss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import lv.sargs.gateway.upstream.core.Deadline;
import lv.sargs.gateway.upstream.core.Phase;
import lv.sargs.gateway.upstream.ScriptedHttpsServer;
import lv.sargs.gateway.upstream.UpstreamClient;
import lv.sargs.gateway.upstream.core.UpstreamException;
import lv.sargs.gateway.upstream.core.UpstreamException.Code;
import lv.sargs.gateway.upstream.UpstreamFixture;
import lv.sargs.gateway.upstream.oauth.OAuthSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VissClientTest {

    private static final Duration BUDGET = Duration.ofSeconds(5);

    private final UpstreamFixture fixture = new UpstreamFixture();
    private final FakeVissServer viss = new FakeVissServer();
    private ScriptedHttpsServer server;
    private UpstreamClient upstream;

    @BeforeEach
    void start() throws Exception {
        server = fixture.server(viss);
        upstream = fixture.client(fixture.settings("viss", server.uri()));
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    private static VissSettings settings(String secret) {
        return new VissSettings(new OAuthSettings(FakeVissServer.CLIENT_ID, secret.toCharArray(), "/token",
                Duration.ofSeconds(60)), FakeVissServer.AUDIENCE, Duration.ofSeconds(300));
    }

    private long tokensRequested() {
        return fixture.counter("sargs_upstream_access_tokens_total", "upstream=\"viss\"");
    }

    private VissClient client() {
        return VissClient.create(upstream, fixture.token, settings(FakeVissServer.SECRET), fixture.metrics, (key, purpose) -> { });
    }

    private static UpstreamException failure(CompletableFuture<?> call) {
        CompletionException e = assertThrows(CompletionException.class, call::join);
        return assertInstanceOf(UpstreamException.class, e.getCause());
    }

    @Test
    void obtainsATokenWithAnAssertionSignedOnTheTokenAndReturnsTheEntity() {
        VissResult result = client().legalEntity(FakeVissServer.KNOWN_ENTITY, Deadline.after(BUDGET)).join();

        VissResult.Answer answer = assertInstanceOf(VissResult.Answer.class, result);
        assertEquals(200, answer.status());
        assertEquals(FakeVissServer.ENTITY_JSON, new String(answer.json(), StandardCharsets.UTF_8));
        assertNull(viss.lastError());
        assertEquals(1, viss.tokenRequests());
    }

    @Test
    void reportsAMissingEntityAsNotFound() {
        VissResult result = client().legalEntity("40003032949", Deadline.after(BUDGET)).join();

        VissResult.NotFound notFound = assertInstanceOf(VissResult.NotFound.class, result);
        assertEquals(VissPaths.LEGAL_ENTITY + "40003032949", notFound.path());
    }

    @Test
    void asksForANaturalPersonWithoutTheHyphen() {
        VissResult result = client().naturalPerson("161175-19997", Deadline.after(BUDGET)).join();

        assertInstanceOf(VissResult.NotFound.class, result);
        assertEquals(1, viss.businessCalls());
    }

    @Test
    void refusesAnIdentifierOutsideItsFormatWithoutCallingTheUpstream() {
        UpstreamException e = failure(client().legalEntity("4000352160/../x", Deadline.after(BUDGET)));

        assertEquals(Code.INVALID_REQUEST, e.code());
        assertEquals(0, viss.tokenRequests() + viss.businessCalls());
    }

    @Test
    void concurrentCallersShareOneTokenRequest() {
        VissClient client = client();
        List<CompletableFuture<VissResult>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(client.legalEntity(FakeVissServer.KNOWN_ENTITY, Deadline.after(BUDGET)));
        }

        calls.forEach(c -> assertInstanceOf(VissResult.Answer.class, c.join()));
        assertEquals(1, viss.tokenRequests());
        assertEquals(1, tokensRequested());
    }

    @Test
    void refreshesOnceWhenTokensExpireMidLoadAndNoCallFails() {
        VissClient client = client();
        List<CompletableFuture<VissResult>> calls = new ArrayList<>();
        for (int wave = 0; wave < 10; wave++) {
            if (wave == 5) {
                viss.expireAllTokens();
            }
            List<CompletableFuture<VissResult>> inWave = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                inWave.add(client.legalEntity(FakeVissServer.KNOWN_ENTITY, Deadline.after(BUDGET)));
            }
            inWave.forEach(CompletableFuture::join);
            calls.addAll(inWave);
        }

        for (CompletableFuture<VissResult> call : calls) {
            assertEquals(200, assertInstanceOf(VissResult.Answer.class, call.join()).status());
        }
        assertEquals(2, viss.tokenRequests());
        assertEquals(200 + 20, viss.businessCalls(), "the 20 calls of the expiring wave were each retried once");
    }

    @Test
    void failsUnauthorizedWithTheOAuthErrorButNeverTheSecret() {
        String wrong = "wrong-secret-value";
        VissClient client = VissClient.create(upstream, fixture.token, settings(wrong), fixture.metrics, (key, purpose) -> { });

        UpstreamException e = failure(client.legalEntity(FakeVissServer.KNOWN_ENTITY, Deadline.after(BUDGET)));

        assertEquals(Code.UNAUTHORIZED, e.code());
        assertTrue(e.getMessage().contains("invalid_client"), e.getMessage());
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
        assertFalse(settings(wrong).toString().contains(wrong));
        assertFalse(settings(wrong).oauth().toString().contains(wrong));
        assertEquals(0, viss.businessCalls());
    }

    @Test
    void sendsTheTokenRequestOnceMoreWithAFreshAssertionAfterAReset() {
        viss.resetTokenRequests(1);

        VissResult result = client().legalEntity(FakeVissServer.KNOWN_ENTITY, Deadline.after(BUDGET)).join();

        assertInstanceOf(VissResult.Answer.class, result);
        assertEquals(2, viss.tokenRequests());
        assertNull(viss.lastError(), "the second assertion reused a jti");
    }

    @Test
    void failsWhenTheTokenRequestIsResetTwice() {
        viss.resetTokenRequests(2);

        UpstreamException e = failure(client().legalEntity(FakeVissServer.KNOWN_ENTITY, Deadline.after(BUDGET)));

        assertEquals(Code.CONNECTION_RESET, e.code());
        assertEquals(Phase.RESPONSE, e.phase());
        assertEquals(0, viss.businessCalls());
    }

    @Test
    void reportsABodyThatIsNotJsonAsMalformed() {
        viss.businessBody("{\"legalName\":\"Latv");

        UpstreamException e = failure(client().legalEntity(FakeVissServer.KNOWN_ENTITY, Deadline.after(BUDGET)));

        assertEquals(Code.MALFORMED_RESPONSE, e.code());
        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
    }
}
