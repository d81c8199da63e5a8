package lv.sargs.sandbox.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import lv.sargs.sandbox.Sandbox;
import lv.sargs.sandbox.SandboxOptions;
import lv.sargs.sandbox.TestHttpsClient.Response;
import lv.sargs.sandbox.TestHttpsClient;
import lv.sargs.sandbox.data.WorldSize;
import lv.sargs.sandbox.fpr.FprSimulator;
import lv.sargs.sandbox.viss.VissSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

    private static Sandbox sandbox;
    private static TestHttpsClient client;
    private static String token;
    private static String path;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults().withWorldSize(new WorldSize(100, 20, 2)));
        client = new TestHttpsClient(sandbox.defaultClientCertificate(), sandbox.caCertificate(), Duration.ofSeconds(1));
        Map<String, String> form = new HashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", sandbox.defaultClient().clientId());
        form.put("client_secret", new String(sandbox.defaultClient().clientSecret()));
        token = client.postForm(sandbox.fpr().baseUri(), "/token", form).json().path("access_token").asText();
        path = "/fpr_person/v1/persons/" + sandbox.world().persons().get(3).personalCode();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @AfterEach
    void clearFaults() {
        sandbox.fpr().faults().clear();
        sandbox.viss().faults().clear();
    }

    @Test
    void addsLatencyAroundTheConfiguredMedian() throws Exception {
        sandbox.fpr().faults().set(FprSimulator.PERSON, FaultPlan.parse("latency=400ms/400ms"));

        long start = System.nanoTime();
        Response response = person();
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(200, response.status());
        assertTrue(elapsedMillis >= 350, "answered after " + elapsedMillis + " ms");
    }

    @Test
    void answersTheConfiguredServerError() throws Exception {
        sandbox.fpr().faults().set(FprSimulator.PERSON, FaultPlan.NONE.withErrors(1, 502));

        Response response = person();

        assertEquals(502, response.status());
        assertEquals(101502, response.json().path("fault").path("code").asInt());
    }

    @Test
    void resetsTheConnectionInsteadOfAnswering() {
        sandbox.fpr().faults().set(FprSimulator.PERSON, FaultPlan.NONE.withResets(1));

        IOException e = assertThrows(IOException.class, FaultInjectionTest::person);
        assertTrue(e instanceof SocketException || e.getMessage().contains("closed"), e.toString());
    }

    @Test
    void stallsLongerThanTheClientWaits() {
        sandbox.fpr().faults().set(FprSimulator.PERSON, FaultPlan.NONE.withStalls(1, Duration.ofMillis(3_500)));

        assertThrows(SocketTimeoutException.class, FaultInjectionTest::person);
    }

    @Test
    void truncatesTheBodyBelowItsContentLength() {
        sandbox.fpr().faults().set(FprSimulator.PERSON, FaultPlan.NONE.withTruncatedBodies(1));

        assertThrows(TestHttpsClient.TruncatedBodyException.class, FaultInjectionTest::person);
    }

    @Test
    void malformsTheBodySoItIsNotJson() throws Exception {
        sandbox.fpr().faults().set(FprSimulator.PERSON, FaultPlan.NONE.withMalformedBodies(1));

        Response response = person();

        assertEquals(200, response.status());
        assertThrows(JsonProcessingException.class, response::json);
    }

    @Test
    void appliesAPlanOnlyToItsEndpoint() throws Exception {
        sandbox.fpr().faults().set(FprSimulator.PERSON_CHANGES, FaultPlan.NONE.withErrors(1, 503));

        assertEquals(200, person().status());
    }

    @Test
    void appliesAPlanForAllToEveryEndpoint() throws Exception {
        sandbox.fpr().faults().setAll(FaultPlan.NONE.withErrors(1, 503));

        assertEquals(503, person().status());
    }

    @Test
    void sameMechanismFaultsTheVissSimulator() throws Exception {
        sandbox.viss().faults().set(VissSimulator.TOKEN, FaultPlan.NONE.withErrors(1, 503));

        Response response = client.postForm(sandbox.viss().baseUri(), "/token", Map.of());

        assertEquals(503, response.status());
        assertEquals(1, sandbox.viss().calls().count(VissSimulator.TOKEN), "a faulted call still counts");
    }

    @Test
    void refusesPlanForUnknownEndpoint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sandbox.fpr().faults().set("persons", FaultPlan.NONE));
        assertEquals("faults.endpoint: persons (expected: one of [person, person-changes, token])", e.getMessage());
    }

    @Test
    void servesAnExpiredCertificateThatAValidatingClientRefuses() {
        sandbox.fpr().faults().serverCertificate(ServerCertificateMode.EXPIRED);

        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, FaultInjectionTest::person);
        assertTrue(causedBy(e, CertificateExpiredException.class), e.toString());
    }

    @Test
    void servesAnUntrustedCertificateThatAValidatingClientRefuses() throws Exception {
        sandbox.fpr().faults().serverCertificate(ServerCertificateMode.UNTRUSTED);

        assertThrows(SSLHandshakeException.class, FaultInjectionTest::person);

        sandbox.fpr().faults().serverCertificate(ServerCertificateMode.VALID);
        assertEquals(200, person().status());
    }

    private static Response person() throws IOException {
        return client.get(sandbox.fpr().baseUri(), path, Map.of("Authorization", "Bearer " + token,
                "X-DAGR-Permission", sandbox.fpr().permission()));
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
