package lv.sargs.e2e.upstream;

import lv.sargs.sandbox.demo.SandboxUpstreams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import lv.sargs.gateway.upstream.core.Deadline;
import lv.sargs.gateway.upstream.core.UpstreamException;
import lv.sargs.gateway.upstream.core.UpstreamException.Code;
import lv.sargs.gateway.lookup.fpr.FprClient;
import lv.sargs.gateway.lookup.fpr.FprResult;
import lv.sargs.sandbox.data.Person;
import lv.sargs.sandbox.fault.FaultPlan;
import lv.sargs.sandbox.fault.ServerCertificateMode;
import lv.sargs.sandbox.fpr.FprSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway's FPR client against the sandbox's population register simulator. */
class FprSandboxIT {

    private static final Duration BUDGET = Duration.ofSeconds(5);
    private static SandboxUpstreams upstreams;
    private FprClient fpr;

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
        fpr = upstreams.fpr(upstreams.upstream("fpr", upstreams.sandbox.fpr().baseUri()));
    }

    @AfterEach
    void clearFaults() {
        upstreams.sandbox.fpr().faults().clear();
        upstreams.sandbox.fpr().calls().reset();
    }

    private static UpstreamException failure(CompletableFuture<?> call) {
        CompletionException e = assertThrows(CompletionException.class, call::join);
        return assertInstanceOf(UpstreamException.class, e.getCause());
    }

    private static String json(FprResult result) {
        return new String(assertInstanceOf(FprResult.Answer.class, result).json(), StandardCharsets.UTF_8);
    }

    @Test
    void returnsAPersonByCodeWithTheSecurityTokenAndPermission() {
        Person person = upstreams.sandbox.world().persons().get(0);

        String body = json(fpr.person(person.personalCode(), Deadline.after(BUDGET)).join());

        assertTrue(body.contains(person.surname()), body);
        assertEquals(1, upstreams.sandbox.fpr().calls().count(FprSimulator.TOKEN));
    }

    @Test
    void followsAPersonWhoseCodeChanged() {
        Person changed = upstreams.sandbox.world().personWithChangedCode();
        String previous = changed.codeChange().orElseThrow().previousCode();

        String body = json(fpr.person(previous, Deadline.after(BUDGET)).join());

        assertTrue(body.contains("\"personalCode\":\"" + changed.personalCode() + "\""), body);
    }

    @Test
    void reportsAnUnknownPersonAsNotFound() {
        String unknown = upstreams.sandbox.world().person("16117519997").isEmpty() ? "16117519997" : "29075810403";

        assertInstanceOf(FprResult.NotFound.class, fpr.person(unknown, Deadline.after(BUDGET)).join());
    }

    @Test
    void listsChangedRecords() {
        assertTrue(json(fpr.changes("0", Deadline.after(BUDGET)).join()).contains("nextCursor"));
    }

    @Test
    void honoursTheDeadlineAndRetriesServerErrors() {
        var faults = upstreams.sandbox.fpr().faults();
        String code = upstreams.sandbox.world().persons().get(1).personalCode();
        faults.set(FprSimulator.PERSON, FaultPlan.parse("latency=3s"));
        assertEquals(Code.DEADLINE_EXCEEDED, failure(fpr.person(code, Deadline.after(Duration.ofMillis(600)))).code());

        faults.set(FprSimulator.PERSON, FaultPlan.parse("error=1"));
        upstreams.sandbox.fpr().calls().reset();
        assertEquals(Code.SERVER_ERROR, failure(fpr.person(code, Deadline.after(BUDGET))).code());
        assertEquals(3, upstreams.sandbox.fpr().calls().count(FprSimulator.PERSON));
    }

    @Test
    void reportsResetsAndMalformedBodies() {
        var faults = upstreams.sandbox.fpr().faults();
        String code = upstreams.sandbox.world().persons().get(2).personalCode();
        faults.set(FprSimulator.PERSON, FaultPlan.parse("reset=1"));
        assertEquals(Code.CONNECTION_RESET, failure(fpr.person(code, Deadline.after(BUDGET))).code());
        faults.set(FprSimulator.PERSON, FaultPlan.parse("malformed=1"));
        assertEquals(Code.MALFORMED_RESPONSE, failure(fpr.person(code, Deadline.after(BUDGET))).code());
    }

    @Test
    void refusesAnExpiredServerCertificate() {
        upstreams.sandbox.fpr().faults().serverCertificate(ServerCertificateMode.EXPIRED);

        assertEquals(Code.TLS_REFUSED, failure(fpr.changes("0", Deadline.after(BUDGET))).code());
    }
}
