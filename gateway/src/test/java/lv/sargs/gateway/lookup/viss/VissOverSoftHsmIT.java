package lv.sargs.gateway.lookup.viss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import lv.sargs.gateway.upstream.core.Deadline;
import lv.sargs.gateway.upstream.ScriptedHttpsServer;
import lv.sargs.gateway.upstream.UpstreamClient;
import lv.sargs.gateway.upstream.UpstreamFixture;
import lv.sargs.gateway.upstream.oauth.OAuthSettings;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proof with the client key on SoftHSM2: mutual TLS and the RS256 client assertion
 * both signed through PKCS#11, tokens expiring mid-load, and connection reuse.
 */
class VissOverSoftHsmIT {

    private static final Duration BUDGET = Duration.ofSeconds(10);
    private static UpstreamFixture fixture;
    private static FakeVissServer viss;
    private static ScriptedHttpsServer server;
    private static UpstreamClient upstream;

    @BeforeAll
    static void start() throws Exception {
        // A token of our own from the module's IT pool (made before any PKCS#11 call in this JVM).
        Token token = Tokens.open(lv.sargs.gateway.SoftHsmTokens.fresh());
        fixture = new UpstreamFixture(token);
        viss = new FakeVissServer();
        server = fixture.server(viss);
        upstream = fixture.client(fixture.settings("viss", server.uri()));
    }

    @AfterAll
    static void close() throws Exception {
        fixture.close();
    }

    @Test
    void servesLoadWithTheKeyOnSoftHsmRefreshingOnceAndReusingTheConnection() {
        assertTrue(fixture.token.forProduction(), fixture.token.name());
        List<String> keyUses = java.util.Collections.synchronizedList(new ArrayList<>());
        VissClient client = VissClient.create(upstream, fixture.token, new VissSettings(new OAuthSettings(
                FakeVissServer.CLIENT_ID, FakeVissServer.SECRET.toCharArray(), "/token", Duration.ofSeconds(60)),
                FakeVissServer.AUDIENCE, Duration.ofSeconds(600)), fixture.metrics,
                (key, purpose) -> keyUses.add(key + " " + purpose));

        List<CompletableFuture<VissResult>> calls = new ArrayList<>();
        for (int wave = 0; wave < 100; wave++) {
            if (wave == 50) {
                viss.expireAllTokens();
            }
            List<CompletableFuture<VissResult>> inWave = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                inWave.add(client.legalEntity(FakeVissServer.KNOWN_ENTITY, Deadline.after(BUDGET)));
            }
            inWave.forEach(CompletableFuture::join);
            calls.addAll(inWave);
        }

        for (CompletableFuture<VissResult> call : calls) {
            assertEquals(200, assertInstanceOf(VissResult.Answer.class, call.join()).status());
        }
        assertNull(viss.lastError());
        assertEquals(2, viss.tokenRequests());
        assertEquals(java.util.Collections.nCopies(2, fixture.clientKey.label() + " jwt-client-assertion"),
                keyUses, "each assertion signed is told for the audit trail with its key");
        assertEquals(fixture.clientKey.leaf(), server.lastClientCertificate());
        long handshakes = fixture.counter("sargs_upstream_tls_handshakes_total", "upstream=\"viss\"");
        long ok = fixture.counter("sargs_upstream_calls_total", "upstream=\"viss\",outcome=\"ok\"");
        assertEquals(1000 + 10 + 2, ok, "business calls, the expiring wave's 401s, two token requests");
        // Up to pool.maxConnections connections open under 10 concurrent calls; then all are reused.
        assertEquals(server.handshakes(), handshakes);
        assertTrue(handshakes <= 4, handshakes + " handshakes for " + ok + " calls");
    }
}
