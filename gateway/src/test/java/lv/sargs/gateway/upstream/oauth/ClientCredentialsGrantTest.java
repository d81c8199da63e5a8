package lv.sargs.gateway.upstream.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
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

class ClientCredentialsGrantTest {

    private static final Duration BUDGET = Duration.ofSeconds(5);
    private static final String SECRET = "p&ss word=ā";

    /** A monotonic clock the test moves by hand. */
    private static final class FakeNanoClock {
        volatile long now = 7_000_000_000L;

        void advance(Duration d) {
            now += d.toNanos();
        }
    }

    private final UpstreamFixture fixture = new UpstreamFixture();
    private final FakeNanoClock clock = new FakeNanoClock();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile String tokenReply;
    private volatile String lastForm;
    private UpstreamClient upstream;

    @BeforeEach
    void start() throws Exception {
        ScriptedHttpsServer server = fixture.server((request, reply) -> {
            lastForm = request.content().toString(StandardCharsets.UTF_8);
            var form = new QueryStringDecoder(lastForm, false).parameters();
            if (tokenReply != null) {
                reply.json(200, tokenReply);
            } else if (!List.of(SECRET).equals(form.get("client_secret"))) {
                reply.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"client_secret: does not match\"}");
            } else {
                reply.json(200, "{\"access_token\":\"t" + issued.incrementAndGet()
                        + "\",\"token_type\":\"Bearer\",\"expires_in\":600}");
            }
        });
        upstream = fixture.client(fixture.settings("fpr", server.uri()));
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    private ClientCredentialsGrant grant(String secret, Optional<ClientAssertion> assertion) {
        return new ClientCredentialsGrant(upstream,
                new OAuthSettings("sargs", secret.toCharArray(), "/token", Duration.ofSeconds(60)), assertion,
                fixture.metrics, () -> clock.now);
    }

    private static UpstreamException failure(CompletableFuture<?> call) {
        CompletionException e = assertThrows(CompletionException.class, call::join);
        return assertInstanceOf(UpstreamException.class, e.getCause());
    }

    @Test
    void postsTheFormEncodedClientCredentials() {
        assertEquals("Bearer t1", grant(SECRET, Optional.empty()).value(Deadline.after(BUDGET)).join());

        assertEquals("grant_type=client_credentials&client_id=sargs&client_secret=p%26ss+word%3D%C4%81", lastForm);
    }

    @Test
    void addsAFreshAssertionToEachRequest() {
        AtomicInteger made = new AtomicInteger();
        ClientCredentialsGrant grant = grant(SECRET, Optional.of(
                () -> CompletableFuture.completedFuture("jwt-" + made.incrementAndGet())));

        grant.value(Deadline.after(BUDGET)).join();

        assertTrue(lastForm.endsWith("&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type"
                + "%3Ajwt-bearer&client_assertion=jwt-1"), lastForm);
    }

    @Test
    void keepsTheTokenUntilTheMarginBeforeExpiryThenRefreshesItWhileStillSendingIt() {
        ClientCredentialsGrant grant = grant(SECRET, Optional.empty());

        assertEquals("Bearer t1", grant.value(Deadline.after(BUDGET)).join());
        clock.advance(Duration.ofSeconds(530));
        assertEquals("Bearer t1", grant.value(Deadline.after(BUDGET)).join());
        assertEquals(1, grant.tokensRequested());
        clock.advance(Duration.ofSeconds(20));
        // Within the margin: the caller goes on with t1 while t2 is fetched.
        assertEquals("Bearer t1", grant.value(Deadline.after(BUDGET)).join());
        assertEquals(2, grant.tokensRequested());
        clock.advance(Duration.ofSeconds(100));
        // t1 has expired: t2, from the refresh started above (joined, or done by now).
        assertEquals("Bearer t2", grant.value(Deadline.after(BUDGET)).join());
        assertEquals(2, grant.tokensRequested());
    }

    @Test
    void aCallerWaitsForANewTokenOnceTheOldOneIsAboutToExpire() {
        ClientCredentialsGrant grant = grant(SECRET, Optional.empty());

        assertEquals("Bearer t1", grant.value(Deadline.after(BUDGET)).join());
        clock.advance(Duration.ofSeconds(595));
        assertEquals("Bearer t2", grant.value(Deadline.after(BUDGET)).join());
        assertEquals(2, grant.tokensRequested());
    }

    @Test
    void refreshesOnceForConcurrentCallersAndAfterARefusal() {
        ClientCredentialsGrant grant = grant(SECRET, Optional.empty());
        List<CompletableFuture<String>> values = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            values.add(grant.value(Deadline.after(BUDGET)));
        }
        values.forEach(v -> assertEquals("Bearer t1", v.join()));

        grant.refused("Bearer t1");
        grant.refused("Bearer t1");
        assertEquals("Bearer t2", grant.value(Deadline.after(BUDGET)).join());
        grant.refused("Bearer t1");
        assertEquals("Bearer t2", grant.value(Deadline.after(BUDGET)).join());
        assertEquals(2, issued.get());
    }

    @Test
    void reportsARefusalWithTheOAuthErrorButNeverTheSecret() {
        UpstreamException e = failure(grant("not-the-secret", Optional.empty()).value(Deadline.after(BUDGET)));

        assertEquals(Code.UNAUTHORIZED, e.code());
        assertEquals(Phase.ACCESS_TOKEN, e.phase());
        assertTrue(e.getMessage().contains("invalid_client (client_secret: does not match)"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-secret"));
    }

    @Test
    void reportsATokenResponseWithoutExpiryAsMalformed() {
        tokenReply = "{\"access_token\":\"t\"}";

        UpstreamException e = failure(grant(SECRET, Optional.empty()).value(Deadline.after(BUDGET)));

        assertEquals(Code.MALFORMED_RESPONSE, e.code());
        assertTrue(e.getMessage().contains("expires_in"), e.getMessage());
    }

    @Test
    void reportsAnAssertionThatCannotBeSignedAsAClientKeyFailure() {
        ClientCredentialsGrant grant = grant(SECRET, Optional.of(() -> CompletableFuture.failedFuture(
                new lv.sargs.hsm.TokenException(lv.sargs.hsm.TokenException.Code.UNAVAILABLE, "token 'x' removed"))));

        UpstreamException e = failure(grant.value(Deadline.after(BUDGET)));

        assertEquals(Code.CLIENT_KEY_FAILED, e.code());
        assertTrue(e.getMessage().contains("token 'x' removed"), e.getMessage());
    }
}
