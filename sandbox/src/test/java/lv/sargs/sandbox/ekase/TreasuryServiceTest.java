package lv.sargs.sandbox.ekase;

import static lv.sargs.sandbox.ekase.TreasuryWorld.CLOSED_CREDITOR;
import static lv.sargs.sandbox.ekase.TreasuryWorld.CREDITOR;
import static lv.sargs.sandbox.ekase.TreasuryWorld.DEBTOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import lv.sargs.gateway.treasury.Caller;
import lv.sargs.gateway.treasury.ekase.ReportWindow;
import lv.sargs.gateway.treasury.Payment;
import lv.sargs.gateway.treasury.PaymentState;
import lv.sargs.gateway.treasury.PaymentSteps;
import lv.sargs.gateway.treasury.StatusChange;
import lv.sargs.gateway.treasury.Submission;
import lv.sargs.gateway.treasury.TreasuryException;
import lv.sargs.gateway.treasury.TreasuryJson;
import lv.sargs.gateway.treasury.TreasuryService;
import lv.sargs.gateway.treasury.TreasurySettings;
import lv.sargs.gateway.treasury.ekase.EkaseMode;
import lv.sargs.testkit.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreasuryServiceTest {

    static final Caller MANAGER = new Caller("core-payments", Set.of("treasury-manage"));
    static final Caller VIEWER = new Caller("reporting", Set.of("treasury-view"));

    @TempDir
    Path dir;
    private TreasuryWorld world;
    private HttpsEkaseAdapter ekase;
    private TreasuryService service;

    @BeforeEach
    void start() throws Exception {
        world = new TreasuryWorld();
        ekase = world.adapter();
        service = start(PaymentSteps.NONE);
    }

    private TreasuryService start(PaymentSteps steps) {
        TreasurySettings settings = TreasurySettings.defaults(dir.resolve("payments.mv"), "store-key".toCharArray())
                .withTiming(Duration.ofMillis(50), Duration.ofMillis(50));
        return TreasuryService.start(settings, ekase, Clock.systemUTC(), steps);
    }

    @AfterEach
    void stop() {
        service.close();
        ekase.close();
        world.close();
    }

    static String json(String amount, String creditor) {
        return "{\"debtor\":{\"name\":\"Valsts iestade A\",\"iban\":\"" + DEBTOR + "\"},"
                + "\"ultimateDebtor\":{\"name\":\"Pasvaldibas skola\"},"
                + "\"transfers\":[{\"amount\":\"" + amount + "\",\"currency\":\"EUR\","
                + "\"creditor\":{\"name\":\"SIA Piegadatajs\",\"iban\":\"" + creditor + "\"},"
                + "\"remittanceInformation\":\"Rekins 17\",\"ekk\":\"2231\",\"amk\":\"110\"}]}";
    }

    static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    static TreasuryException failure(CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        return assertInstanceOf(TreasuryException.class, e.getCause());
    }

    private Submission submitJson(Caller caller, String key, String body) throws Exception {
        return get(service.submit(caller, key, "application/json", body.getBytes(StandardCharsets.UTF_8)));
    }

    private Payment awaitFinal(String id) throws Exception {
        return Eventually.await(() -> get(service.payment(MANAGER, id)), p -> p.state().terminal(), Duration.ofSeconds(10));
    }

    private Payment awaitState(String id, PaymentState state) throws Exception {
        return Eventually.await(() -> get(service.payment(MANAGER, id)), p -> p.state() == state, Duration.ofSeconds(10));
    }

    @Test
    void jsonPaymentIsStoredSubmittedAcceptedBookedAndInTodaysReport() throws Exception {
        FakeClock treasuryTime = new FakeClock(Instant.now());
        stop();
        world = new TreasuryWorld(settings -> settings.withClock(treasuryTime));
        ekase = world.adapter();
        service = start(PaymentSteps.NONE);
        Submission s = submitJson(MANAGER, "key-1", json("42.50", CREDITOR));
        assertFalse(s.replayed());
        assertEquals(PaymentState.STORED, s.payment().history().get(0).state());
        assertEquals("/v1/treasury/payments/" + s.payment().id(), s.statusPath());
        assertEquals("RCVD", awaitState(s.payment().id(), PaymentState.SUBMITTED).last().isoStatus());
        treasuryTime.advance(Duration.ofMillis(100));
        assertEquals("ACCP", awaitState(s.payment().id(), PaymentState.ACCEPTED).last().isoStatus());
        treasuryTime.advance(Duration.ofMillis(100));
        Payment done = awaitState(s.payment().id(), PaymentState.BOOKED);
        assertEquals(List.of(PaymentState.STORED, PaymentState.SUBMITTING, PaymentState.SUBMITTED,
                PaymentState.ACCEPTED, PaymentState.BOOKED), done.history().stream().map(StatusChange::state).toList());
        String e2e = done.endToEndIds().get(0);
        assertEquals(1, world.simulator.arrivals(e2e));
        String report = TreasuryJson.report(get(service.accountReport(VIEWER, DEBTOR, ReportWindow.WHOLE_DAY)))
                .toString();
        assertTrue(report.contains("\"endToEndId\":\"" + e2e + "\""), report);
        assertTrue(report.contains("\"ultimateDebtor\"") || report.contains("42.50"), report);
        String status = TreasuryJson.payment(done).toString();
        assertTrue(status.contains("\"state\":\"BOOKED\"") && status.contains("\"isoStatus\":\"ACSC\""), status);
    }

    @Test
    void clientPain001IsSubmittedAsIs() throws Exception {
        byte[] doc;
        try (InputStream in = getClass().getResourceAsStream("pain001-client.xml")) {
            doc = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("2026-11-21", LocalDate.now(ZoneId.of("Europe/Riga")).toString())
                    .getBytes(StandardCharsets.UTF_8);
        }
        Submission s = get(service.submit(MANAGER, "xml-1", "application/xml; charset=UTF-8", doc));
        assertEquals("CLIENT-MSG-1", s.payment().msgId());
        assertEquals(List.of("CLIENT-E2E-1", "CLIENT-E2E-2"), s.payment().endToEndIds());
        assertEquals(PaymentState.BOOKED, awaitFinal(s.payment().id()).state());
        assertEquals(1, world.simulator.arrivals("CLIENT-E2E-2"));
        assertEquals(1, world.simulator.bookings("CLIENT-E2E-1"));
        assertEquals(2, world.simulator.bookings("CLIENT-E2E-2"), "debit and credit: both accounts are at the Treasury");
    }

    @Test
    void rejectedPaymentCarriesItsIsoReason() throws Exception {
        Submission s = submitJson(MANAGER, "key-closed", json("3.00", CLOSED_CREDITOR));
        Payment done = awaitFinal(s.payment().id());
        assertEquals(PaymentState.REJECTED, done.state());
        assertEquals("AC04", done.last().reasonCode());
        assertEquals("RJCT", done.last().isoStatus());
        String status = TreasuryJson.payment(done).toString();
        assertTrue(status.contains("\"reason\":{\"code\":\"AC04\""), status);
    }

    @Test
    void viewClientIsRefusedAndNothingReachesTheTreasury() throws Exception {
        TreasuryException e = failure(service.submit(VIEWER, "key-v", "application/json",
                json("1.00", CREDITOR).getBytes(StandardCharsets.UTF_8)));
        assertEquals(TreasuryException.Code.MODE_FORBIDDEN, e.code());
        assertEquals(403, e.code().httpStatus());
        assertEquals(0, world.simulator.distinctPayments());
        TreasuryException none = failure(service.accountReport(new Caller("stranger", Set.of("kyc")), DEBTOR,
                ReportWindow.WHOLE_DAY));
        assertEquals(TreasuryException.Code.MODE_FORBIDDEN, none.code());
    }

    @Test
    void viewModeUpstreamUserRefusesPayments() throws Exception {
        service.close();
        ekase.close();
        ekase = world.adapter(TreasuryWorld.VIEWER, TreasuryWorld.VIEWER_PASSWORD, EkaseMode.VIEW);
        service = start(PaymentSteps.NONE);
        TreasuryException e = failure(service.submit(MANAGER, "key-u", "application/json",
                json("1.00", CREDITOR).getBytes(StandardCharsets.UTF_8)));
        assertEquals(TreasuryException.Code.UPSTREAM_VIEW_ONLY, e.code());
        assertEquals(0, world.simulator.distinctPayments());
    }

    @Test
    void sameIdempotencyKeyTwiceIsOnePayment() throws Exception {
        Submission first = submitJson(MANAGER, "key-same", json("9.99", CREDITOR));
        Submission again = submitJson(MANAGER, "key-same", json("9.99", CREDITOR));
        assertTrue(again.replayed());
        assertEquals(first.payment().id(), again.payment().id());
        assertEquals(first.payment().msgId(), again.payment().msgId());
        awaitFinal(first.payment().id());
        assertEquals(1, world.simulator.distinctPayments());
        assertEquals(1, world.simulator.arrivals(first.payment().endToEndIds().get(0)));
        TreasuryException reused = failure(service.submit(MANAGER, "key-same", "application/json",
                json("10.00", CREDITOR).getBytes(StandardCharsets.UTF_8)));
        assertEquals(TreasuryException.Code.IDEMPOTENCY_KEY_REUSED, reused.code());
        assertEquals(422, reused.code().httpStatus());
        Submission otherClient = submitJson(new Caller("other", Set.of("treasury-manage")), "key-same",
                json("9.99", CREDITOR));
        assertFalse(otherClient.replayed());
    }

    @Test
    void missingIdempotencyKeyIsRefused() {
        TreasuryException e = failure(service.submit(MANAGER, null, "application/json",
                json("1.00", CREDITOR).getBytes(StandardCharsets.UTF_8)));
        assertEquals(TreasuryException.Code.IDEMPOTENCY_KEY_REQUIRED, e.code());
    }

    @Test
    void hostileDocumentsAreRefusedWithoutExpanding() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE Document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\">&x;</Document>";
        StringBuilder laughs = new StringBuilder("<!DOCTYPE d [<!ENTITY a \"ha\">");
        for (int i = 1; i < 12; i++) {
            laughs.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("\">");
        }
        laughs.append("]><Document>&a11;</Document>");
        for (String hostile : new String[] {xxe, laughs.toString()}) {
            TreasuryException e = failure(service.submit(MANAGER, "key-h" + hostile.length(), "application/xml",
                    hostile.getBytes(StandardCharsets.UTF_8)));
            assertEquals(TreasuryException.Code.INVALID_DOCUMENT, e.code());
            assertEquals(400, e.code().httpStatus());
            assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
            assertFalse(e.getMessage().contains("root:"), e.getMessage());
        }
        assertEquals(0, world.simulator.distinctPayments());
    }

    @Test
    void schemaInvalidPain001IsRefusedWithTheReason() {
        byte[] doc = new String(Pain001s.single("S-1", "E-S-1", DEBTOR, "1.00", CREDITOR), StandardCharsets.UTF_8)
                .replace("<PmtMtd>TRF</PmtMtd>", "").getBytes(StandardCharsets.UTF_8);
        TreasuryException e = failure(service.submit(MANAGER, "key-s", "application/xml", doc));
        assertEquals(TreasuryException.Code.INVALID_DOCUMENT, e.code());
        assertTrue(e.getMessage().startsWith("pain.001.001.03: line 1"), e.getMessage());
        assertTrue(e.getMessage().contains("PmtMtd"), e.getMessage());
    }

    @Test
    void treasuryRulesAreListedTogether() {
        String bad = new String(Pain001s.single("R-1", "E-R-1", DEBTOR, "1.005", "LV45HABA0551000000001"),
                StandardCharsets.UTF_8).replace("<NbOfTxs>1</NbOfTxs><CtrlSum>1.005", "<NbOfTxs>2</NbOfTxs><CtrlSum>1.005")
                .replace("Ccy=\"EUR\"", "Ccy=\"USD\"").replace("<BIC>TRELLV22</BIC>", "<BIC>HABALV22</BIC>");
        TreasuryException e = failure(service.submit(MANAGER, "key-r", "application/xml",
                bad.getBytes(StandardCharsets.UTF_8)));
        assertEquals(TreasuryException.Code.INVALID_PAYMENT, e.code());
        String m = e.getMessage();
        assertTrue(m.contains("GrpHdr.NbOfTxs: 2 (expected: 1"), m);
        assertTrue(m.contains("Amt.InstdAmt@Ccy: USD (expected: EUR)"), m);
        assertTrue(m.contains("Amt.InstdAmt: 1.005 (expected: more than 0 with at most 2 decimals)"), m);
        assertTrue(m.contains("CdtrAcct.Id.IBAN: LV45HABA0551000000001 (expected: valid check digits, ISO 7064 MOD 97-10"), m);
        assertTrue(m.contains("DbtrAgt.FinInstnId.BIC: HABALV22 (expected: TRELLV22)"), m);
    }

    @Test
    void jsonShapeErrorsNameThePath() {
        String body = "{\"debtor\":{\"name\":\"A\"},\"transfers\":[{\"amount\":\"x\",\"creditor\":{}}],\"extra\":1}";
        TreasuryException e = failure(service.submit(MANAGER, "key-j", "application/json",
                body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(TreasuryException.Code.INVALID_DOCUMENT, e.code());
        assertTrue(e.getMessage().contains("$.debtor.iban: missing"), e.getMessage());
        assertTrue(e.getMessage().contains("$.transfers[0].creditor.name: missing"), e.getMessage());
        assertTrue(e.getMessage().contains("$.transfers[0].amount: \"x\""), e.getMessage());
        assertTrue(e.getMessage().contains("$.extra: unknown field"), e.getMessage());
    }

    @Test
    void paymentCaughtBetweenSendAndStatusIsReconciledNotResent() throws Exception {
        service.close();
        service = start((step, payment) -> {
            if (step == PaymentSteps.Step.SENT) {
                throw new SimulatedCrash();
            }
        });
        Submission s = submitJson(MANAGER, "key-crash", json("5.00", CREDITOR));
        String e2e = s.payment().endToEndIds().get(0);
        Eventually.await(() -> world.simulator.arrivals(e2e), n -> n == 1, Duration.ofSeconds(5));
        Thread.sleep(100);
        service.close();
        service = start(PaymentSteps.NONE);
        assertEquals(PaymentState.BOOKED, awaitFinal(s.payment().id()).state());
        assertEquals(1, world.simulator.arrivals(e2e));
        assertEquals(1, world.simulator.bookings(e2e));
        assertTrue(awaitFinal(s.payment().id()).history().stream()
                .anyMatch(c -> "reconciled with eKase".equals(c.detail())));
    }

    @Test
    void accountReportsNeedAValidIbanAndAClosedDay() {
        assertEquals(TreasuryException.Code.INVALID_DOCUMENT,
                failure(service.accountReport(VIEWER, "LV00TREL2200000000001", ReportWindow.WHOLE_DAY)).code());
        assertEquals(TreasuryException.Code.NOT_FOUND,
                failure(service.accountReport(VIEWER, "LV50TREL2200000000004", ReportWindow.WHOLE_DAY)).code());
        assertEquals(TreasuryException.Code.INVALID_DOCUMENT,
                failure(service.statement(VIEWER, DEBTOR, LocalDate.now(ZoneId.of("Europe/Riga")))).code());
    }

    /** Stands in for the process dying right after eKase answered. */
    private static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash() {
            super("simulated crash after send");
        }
    }
}
