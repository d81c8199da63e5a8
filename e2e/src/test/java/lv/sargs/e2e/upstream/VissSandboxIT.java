package lv.sargs.e2e.upstream;

import lv.sargs.sandbox.demo.SandboxUpstreams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import lv.sargs.gateway.upstream.core.Deadline;
import lv.sargs.gateway.upstream.core.Phase;
import lv.sargs.gateway.upstream.UpstreamClient;
import lv.sargs.gateway.upstream.core.UpstreamException;
import lv.sargs.gateway.upstream.core.UpstreamException.Code;
import lv.sargs.gateway.lookup.viss.VissClient;
import lv.sargs.gateway.lookup.viss.VissResult;
import lv.sargs.sandbox.fault.FaultPlan;
import lv.sargs.sandbox.fault.ServerCertificateMode;
import lv.sargs.sandbox.viss.VissOptions;
import lv.sargs.sandbox.viss.VissSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway's VISS client against the sandbox's VISS simulator: the happy path and every fault knob. */
class VissSandboxIT {

    private static final Duration BUDGET = Duration.ofSeconds(5);
    private static SandboxUpstreams upstreams;
    private UpstreamClient upstream;
    private VissClient viss;
    private String regNo;

    @BeforeAll
    static void startSandbox() {
        upstreams = new SandboxUpstreams();
    }

    @AfterAll
    static void stopSandbox() throws Exception {
        upstreams.close();
    }

    @BeforeEach
    void connect() {
        upstream = upstreams.upstream("viss", upstreams.sandbox.viss().baseUri());
        viss = upstreams.viss(upstream);
        regNo = upstreams.sandbox.world().companies().get(0).registrationNumber();
    }

    @AfterEach
    void clearFaults() {
        upstreams.sandbox.viss().faults().clear();
        upstreams.sandbox.viss().calls().reset();
    }

    private static UpstreamException failure(CompletableFuture<?> call) {
        CompletionException e = assertThrows(CompletionException.class, call::join);
        return assertInstanceOf(UpstreamException.class, e.getCause());
    }

    private long calls(String endpoint) {
        return upstreams.sandbox.viss().calls().count(endpoint);
    }

    @Test
    void servesALegalEntityAndANaturalPerson() {
        var entity = assertInstanceOf(VissResult.Answer.class, viss.legalEntity(regNo, Deadline.after(BUDGET)).join());
        String code = upstreams.sandbox.world().persons().get(0).personalCode();
        var person = assertInstanceOf(VissResult.Answer.class, viss.naturalPerson(code, Deadline.after(BUDGET)).join());

        assertEquals(200, entity.status());
        assertTrue(new String(entity.json(), StandardCharsets.UTF_8).contains(regNo));
        assertEquals(200, person.status());
        assertEquals(1, calls(VissSimulator.TOKEN));
    }

    @Test
    void reportsAnUnknownEntityAsNotFound() {
        String unknown = upstreams.sandbox.world().company("40003521600").isEmpty() ? "40003521600" : "90000069830";

        assertInstanceOf(VissResult.NotFound.class, viss.legalEntity(unknown, Deadline.after(BUDGET)).join());
    }

    @Test
    void honoursTheDeadlineWhenTheRegisterIsSlow() {
        viss.legalEntity(regNo, Deadline.after(BUDGET)).join();
        upstreams.sandbox.viss().faults().set(VissSimulator.LEGAL_ENTITY, FaultPlan.parse("latency=3s"));

        long start = System.nanoTime();
        UpstreamException e = failure(viss.legalEntity(regNo, Deadline.after(Duration.ofMillis(500))));

        assertEquals(Code.DEADLINE_EXCEEDED, e.code());
        assertEquals(Phase.RESPONSE, e.phase());
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(2500), "failed late");
    }

    @Test
    void honoursTheDeadlineWhenTheRegisterStalls() {
        upstreams.sandbox.viss().faults().set(VissSimulator.LEGAL_ENTITY, FaultPlan.parse("stall=1/4s"));

        UpstreamException e = failure(viss.legalEntity(regNo, Deadline.after(Duration.ofMillis(800))));

        assertEquals(Code.DEADLINE_EXCEEDED, e.code());
    }

    @Test
    void retriesResetsWithinTheBudgetThenReportsThem() {
        upstreams.sandbox.viss().faults().set(VissSimulator.LEGAL_ENTITY, FaultPlan.parse("reset=1"));

        UpstreamException e = failure(viss.legalEntity(regNo, Deadline.after(BUDGET)));

        assertEquals(Code.CONNECTION_RESET, e.code());
        assertEquals(3, calls(VissSimulator.LEGAL_ENTITY));
    }

    @Test
    void retriesServerErrorsWithinTheBudgetThenReportsThem() {
        upstreams.sandbox.viss().faults().set(VissSimulator.LEGAL_ENTITY, FaultPlan.parse("error=1,error-status=502"));

        UpstreamException e = failure(viss.legalEntity(regNo, Deadline.after(BUDGET)));

        assertEquals(Code.SERVER_ERROR, e.code());
        assertTrue(e.getMessage().contains("HTTP 502"), e.getMessage());
        assertEquals(3, calls(VissSimulator.LEGAL_ENTITY));
    }

    @Test
    void reportsTruncatedAndMalformedBodiesClearlyAndKeepsServing() {
        var faults = upstreams.sandbox.viss().faults();
        faults.set(VissSimulator.LEGAL_ENTITY, FaultPlan.parse("truncate=1"));
        UpstreamException truncated = failure(viss.legalEntity(regNo, Deadline.after(BUDGET)));
        faults.set(VissSimulator.LEGAL_ENTITY, FaultPlan.parse("malformed=1"));
        UpstreamException malformed = failure(viss.legalEntity(regNo, Deadline.after(BUDGET)));
        faults.clear();

        assertEquals(Code.MALFORMED_RESPONSE, truncated.code(), truncated.getMessage());
        assertEquals(Code.MALFORMED_RESPONSE, malformed.code(), malformed.getMessage());
        assertInstanceOf(VissResult.Answer.class, viss.legalEntity(regNo, Deadline.after(BUDGET)).join());
    }

    @Test
    void refusesAnExpiredServerCertificate() {
        upstreams.sandbox.viss().faults().serverCertificate(ServerCertificateMode.EXPIRED);

        UpstreamException e = failure(viss.legalEntity(regNo, Deadline.after(BUDGET)));

        assertEquals(Code.TLS_REFUSED, e.code());
        assertEquals(0, upstreams.sandbox.viss().calls().total());
    }

    @Test
    void refusesAServerOutsideTheConfiguredTrust() {
        upstreams.sandbox.viss().faults().serverCertificate(ServerCertificateMode.UNTRUSTED);

        UpstreamException e = failure(viss.legalEntity(regNo, Deadline.after(BUDGET)));

        assertEquals(Code.TLS_REFUSED, e.code());
        assertTrue(e.getMessage().contains("certification path"), e.getMessage());
    }

    @Test
    void makesFewerThanOneHandshakePerThousandCalls() throws Exception {
        // The default sandbox limits a client to 100 calls a second; this load would be 429-paced.
        try (SandboxUpstreams unlimited = new SandboxUpstreams(SandboxUpstreams.withViss(
                VissOptions.defaults().withRateLimit(1_000_000, Duration.ofSeconds(1))))) {
            UpstreamClient client = unlimited.upstream("viss", unlimited.sandbox.viss().baseUri());
            VissClient warm = unlimited.viss(client);
            String known = unlimited.sandbox.world().companies().get(0).registrationNumber();

            for (int i = 0; i < 2000; i++) {
                assertInstanceOf(VissResult.Answer.class, warm.legalEntity(known, Deadline.after(BUDGET)).join());
            }

            long handshakes = unlimited.counter("sargs_upstream_tls_handshakes_total", "upstream=\"viss\"");
            long calls = unlimited.counter("sargs_upstream_calls_total", "upstream=\"viss\",outcome=\"ok\"");
            assertEquals(2001, calls, "2000 business calls and one token request");
            assertEquals(1, handshakes, handshakes + " handshakes for " + calls + " calls");
            assertEquals(1, client.openConnections());
        }
    }

    @Test
    void surfacesRateLimitingWithTheRetryAfterValue() throws Exception {
        try (SandboxUpstreams limited = new SandboxUpstreams(SandboxUpstreams.withViss(
                // The simulator's windows are aligned to the epoch: a day-long one is far from its end.
                VissOptions.defaults().withRateLimit(3, Duration.ofDays(1))))) {
            VissClient client = limited.viss(limited.upstream("viss", limited.sandbox.viss().baseUri()));
            String known = limited.sandbox.world().companies().get(0).registrationNumber();
            for (int i = 0; i < 3; i++) {
                client.legalEntity(known, Deadline.after(BUDGET)).join();
            }

            long start = System.nanoTime();
            UpstreamException e = failure(client.legalEntity(known, Deadline.after(BUDGET)));

            assertEquals(Code.RATE_LIMITED, e.code());
            Duration retryAfter = e.retryAfter().orElseThrow();
            assertTrue(retryAfter.compareTo(BUDGET) > 0 && retryAfter.compareTo(Duration.ofDays(1)) <= 0,
                    retryAfter.toString());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4), "waited for a Retry-After past the budget");
        }
    }

    @Test
    void refreshesTheTokenOnceWhenItExpiresMidLoadAndNoCallFails() throws Exception {
        try (SandboxUpstreams shortTokens = new SandboxUpstreams(SandboxUpstreams.withViss(
                VissOptions.defaults().withTokenLifetime(Duration.ofSeconds(4))))) {
            VissClient client = shortTokens.viss(shortTokens.upstream("viss", shortTokens.sandbox.viss().baseUri()));
            String known = shortTokens.sandbox.world().companies().get(0).registrationNumber();

            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
            int made = 0;
            while (System.nanoTime() < until) {
                List<CompletableFuture<VissResult>> wave = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    wave.add(client.legalEntity(known, Deadline.after(BUDGET)));
                }
                for (CompletableFuture<VissResult> call : wave) {
                    assertEquals(200, assertInstanceOf(VissResult.Answer.class, call.join()).status());
                }
                made += wave.size();
                Thread.sleep(20);
            }

            assertEquals(2, shortTokens.sandbox.viss().calls().count(VissSimulator.TOKEN), made + " calls");
        }
    }
}
