package lv.sargs.sandbox.viss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import lv.sargs.sandbox.Sandbox;
import lv.sargs.sandbox.SandboxOptions;
import lv.sargs.sandbox.TestHttpsClient.Response;
import lv.sargs.sandbox.TestHttpsClient;
import lv.sargs.sandbox.TestKeys;
import lv.sargs.sandbox.data.WorldSize;
import lv.sargs.sandbox.server.RegisteredClient;
import lv.sargs.testkit.FakeClock;
import lv.sargs.testkit.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VissTokenTest {

    private static final FakeClock CLOCK = new FakeClock(Instant.now());
    private static Sandbox sandbox;
    private static TestHttpsClient client;
    private static HeldCertificate other;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withClock(CLOCK).withWorldSize(new WorldSize(100, 20, 2)));
        client = new TestHttpsClient(sandbox.defaultClientCertificate(), sandbox.caCertificate());
        other = TestKeys.otherClient(sandbox.certificateAuthority(), "other-bank");
        sandbox.viss().register(new RegisteredClient("other-bank", "other-secret".toCharArray(), other.certificate()));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void resetCounters() {
        sandbox.viss().calls().reset();
    }

    @Test
    void issuesOpaqueBearerTokenForValidAssertion() throws Exception {
        Response response = requestToken(a -> { });

        assertEquals(200, response.status(), response.text());
        JsonNode body = response.json();
        assertEquals("Bearer", body.path("token_type").asText());
        assertEquals(3600, body.path("expires_in").asInt());
        assertTrue(body.path("access_token").asText().length() >= 32);
        assertEquals("no-store", response.header("Cache-Control"));
        assertEquals(1, sandbox.viss().calls().count(VissSimulator.TOKEN));
    }

    @Test
    void rejectsAudienceDifferingOnlyInCase() throws Exception {
        Response response = requestToken(a -> a.aud = VissOptions.TEST_AUDIENCE.replace("STS/VISS", "sts/VISS"));
        assertOAuthError(response, 400, "invalid_grant", "aud");
    }

    @Test
    void rejectsProductionAudienceAtTestGateway() throws Exception {
        assertOAuthError(requestToken(a -> a.aud = VissOptions.PRODUCTION_AUDIENCE), 400, "invalid_grant", "aud");
    }

    @Test
    void acceptsAudienceAsSingleElementArray() throws Exception {
        assertEquals(200, requestToken(a -> a.aud = List.of(VissOptions.TEST_AUDIENCE)).status());
    }

    @Test
    void rejectsX5cThatIsNotTheTlsCertificate() throws Exception {
        Response response = requestToken(a -> {
            a.x5c = other.certificate();
            a.key = other.keyPair().getPrivate();
        });
        assertOAuthError(response, 401, "invalid_client", "x5c[0]");
    }

    @Test
    void rejectsWrongThumbprint() throws Exception {
        assertOAuthError(requestToken(a -> a.x5t = "AAAAAAAAAAAAAAAAAAAAAAAAAAA"), 401, "invalid_client", "x5t");
    }

    @Test
    void rejectsSignatureByAnotherKey() throws Exception {
        assertOAuthError(requestToken(a -> a.key = other.keyPair().getPrivate()), 401, "invalid_client", "signature");
    }

    @Test
    void rejectsIssuerOrSubjectOtherThanClientId() throws Exception {
        assertOAuthError(requestToken(a -> a.iss = "someone-else"), 401, "invalid_client", "iss");
        assertOAuthError(requestToken(a -> a.sub = "someone-else"), 401, "invalid_client", "sub");
    }

    @Test
    void rejectsExpiryMoreThanTenMinutesAhead() throws Exception {
        assertOAuthError(requestToken(a -> a.exp = CLOCK.instant().plusSeconds(601)), 400, "invalid_grant", "exp");
        assertEquals(200, requestToken(a -> a.exp = CLOCK.instant().plusSeconds(600)).status());
    }

    @Test
    void rejectsExpiredAssertion() throws Exception {
        assertOAuthError(requestToken(a -> a.exp = CLOCK.instant().minusSeconds(1)), 400, "invalid_grant", "exp");
    }

    @Test
    void rejectsReplayedJti() throws Exception {
        assertEquals(200, requestToken(a -> a.jti = "once-only").status());
        assertOAuthError(requestToken(a -> a.jti = "once-only"), 400, "invalid_grant", "jti");
    }

    @Test
    void rejectsWrongClientSecret() throws Exception {
        Response response = requestToken(a -> { }, form -> form.put("client_secret", "guess"));
        assertOAuthError(response, 401, "invalid_client", "client_secret");
        assertTrue(!response.text().contains("guess"), "the presented secret must not be echoed");
    }

    @Test
    void rejectsUnknownClientId() throws Exception {
        assertOAuthError(requestToken(a -> a.iss = a.sub = "nobody", form -> form.put("client_id", "nobody")),
                401, "invalid_client", "client_id");
    }

    @Test
    void rejectsClientWhoseRegisteredCertificateIsNotTheTlsOne() throws Exception {
        Response response = requestToken(a -> a.iss = a.sub = "other-bank", form -> {
            form.put("client_id", "other-bank");
            form.put("client_secret", "other-secret");
        });
        assertOAuthError(response, 401, "invalid_client", "TLS client certificate");
    }

    @Test
    void rejectsPasswordGrant() throws Exception {
        assertOAuthError(requestToken(a -> { }, form -> form.put("grant_type", "password")), 400,
                "unsupported_grant_type", "grant_type");
    }

    @Test
    void rejectsMissingOrWrongAssertionType() throws Exception {
        assertOAuthError(requestToken(a -> { }, form -> form.remove("client_assertion_type")), 400,
                "invalid_request", "client_assertion_type");
        assertOAuthError(requestToken(a -> { }, form -> form.put("client_assertion", "not-a-jwt")), 400,
                "invalid_request", "client_assertion");
    }

    @Test
    void refusesUnregisteredClientCertificateDuringHandshake() {
        HeldCertificate stranger = sandbox.certificateAuthority().issue("stranger").client().build();
        TestHttpsClient strangerClient = new TestHttpsClient(stranger, sandbox.caCertificate());

        assertThrows(IOException.class, () -> strangerClient.postForm(sandbox.viss().baseUri(), "/token", Map.of()));
        assertEquals(0, sandbox.viss().calls().total(), "no request may reach an endpoint");
    }

    private static void assertOAuthError(Response response, int status, String error, String mentions)
            throws IOException {
        assertEquals(status, response.status(), response.text());
        assertEquals(error, response.json().path("error").asText(), response.text());
        assertTrue(response.json().path("error_description").asText().contains(mentions), response.text());
    }

    private static Response requestToken(Consumer<ClientAssertion> assertion) throws Exception {
        return requestToken(assertion, form -> { });
    }

    static Response requestToken(Consumer<ClientAssertion> tweakAssertion, Consumer<Map<String, String>> tweakForm)
            throws IOException, GeneralSecurityException {
        return tokenRequest(sandbox, client, CLOCK.instant(), tweakAssertion, tweakForm);
    }

    /** A token request by the sandbox's default client, with a valid assertion unless tweaked. */
    static Response tokenRequest(Sandbox sandbox, TestHttpsClient client, Instant now,
                                 Consumer<ClientAssertion> tweakAssertion, Consumer<Map<String, String>> tweakForm)
            throws IOException, GeneralSecurityException {
        RegisteredClient registered = sandbox.defaultClient();
        ClientAssertion assertion = new ClientAssertion(registered.clientId(), sandbox.viss().audience(), now,
                sandbox.defaultClientCertificate().certificate(),
                sandbox.defaultClientCertificate().keyPair().getPrivate());
        tweakAssertion.accept(assertion);
        Map<String, String> form = new HashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", registered.clientId());
        form.put("client_secret", new String(registered.clientSecret()));
        form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        form.put("client_assertion", assertion.sign());
        tweakForm.accept(form);
        return client.postForm(sandbox.viss().baseUri(), "/token", form);
    }
}
