package lv.sargs.sandbox.ekase;

import lv.sargs.sandbox.server.AddressBlock;
import static lv.sargs.sandbox.ekase.TreasuryWorld.CLOSED_CREDITOR;
import static lv.sargs.sandbox.ekase.TreasuryWorld.CREDITOR;
import static lv.sargs.sandbox.ekase.TreasuryWorld.DEBTOR;
import static lv.sargs.sandbox.ekase.TreasuryWorld.POOR_DEBTOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import javax.net.ssl.X509ExtendedKeyManager;
import lv.sargs.gateway.treasury.TreasuryJson;
import lv.sargs.gateway.treasury.ekase.ReportWindow;
import lv.sargs.gateway.treasury.ekase.AccountReport;
import lv.sargs.gateway.treasury.ekase.EkaseException;
import lv.sargs.gateway.treasury.ekase.EkaseMode;
import lv.sargs.gateway.treasury.ekase.StatusReport;
import lv.sargs.gateway.treasury.ekase.SubmitResult;
import lv.sargs.hsm.tls.FixedKeyManager;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EkaseSimulatorTest {

    private TreasuryWorld world;

    private TreasuryWorld world() throws Exception {
        world = new TreasuryWorld();
        return world;
    }

    @AfterEach
    void close() {
        if (world != null) {
            world.close();
        }
    }

    private static String status(HttpsEkaseAdapter ekase, String msgId) throws EkaseException {
        return ekase.status(msgId).map(StatusReport::status).orElse("unknown");
    }

    @Test
    void paymentMovesFromReceivedToBookedAndAppearsInTodaysReport() throws Exception {
        TreasuryWorld w = world();
        try (HttpsEkaseAdapter ekase = w.adapter()) {
            SubmitResult result = ekase.submit(Pain001s.single("M1", "E2E-1", DEBTOR, "12.34", CREDITOR), "M1");
            assertEquals("RCVD", result.report().status());
            assertFalse(result.duplicate());
            Eventually.await(() -> status(ekase, "M1"), "ACSC"::equals, Duration.ofSeconds(5));
            AccountReport report = ekase.accountReport(DEBTOR, ReportWindow.WHOLE_DAY);
            String json = TreasuryJson.report(report).toString();
            assertTrue(json.contains("\"endToEndId\":\"E2E-1\""), json);
            assertTrue(json.contains("\"amount\":\"12.34\""), json);
            assertEquals(1, w.simulator.bookings("E2E-1"));
        }
    }

    @Test
    void rejectionsCarryTheirIsoReasonCode() throws Exception {
        TreasuryWorld w = world();
        try (HttpsEkaseAdapter ekase = w.adapter()) {
            ekase.submit(Pain001s.single("POOR", "E-POOR", POOR_DEBTOR, "50000.00", CREDITOR), "POOR");
            ekase.submit(Pain001s.single("CLOSED", "E-CLOSED", DEBTOR, "1.00", CLOSED_CREDITOR), "CLOSED");
            ekase.submit(Pain001s.single("NOACC", "E-NOACC", "LV50TREL2200000000004", "1.00", CREDITOR), "NOACC");
            assertEquals("RJCT AM04", settled(ekase, "POOR"));
            assertEquals("RJCT AC04", settled(ekase, "CLOSED"));
            assertEquals("RJCT AC01", settled(ekase, "NOACC"));
            assertEquals(0, w.simulator.bookings("E-POOR"));
        }
    }

    private static String settled(HttpsEkaseAdapter ekase, String msgId) throws Exception {
        StatusReport r = Eventually.await(() -> ekase.status(msgId).orElseThrow(), s -> !"RCVD".equals(s.status()),
                Duration.ofSeconds(5));
        return r.status() + " " + r.reasonCode();
    }

    @Test
    void repeatedMsgIdIsRecognisedAndNotProcessedTwice() throws Exception {
        TreasuryWorld w = world();
        try (HttpsEkaseAdapter ekase = w.adapter()) {
            byte[] doc = Pain001s.single("DUP", "E-DUP", DEBTOR, "5.00", CREDITOR);
            assertFalse(ekase.submit(doc, "DUP").duplicate());
            assertTrue(ekase.submit(doc, "DUP").duplicate());
            assertEquals(2, w.simulator.arrivals("E-DUP"));
            assertEquals(1, w.simulator.distinctPayments());
            Eventually.await(() -> status(ekase, "DUP"), "ACSC"::equals, Duration.ofSeconds(5));
            assertEquals(1, w.simulator.bookings("E-DUP"));
        }
    }

    @Test
    void schemaInvalidPaymentIsRejectedWithFileFormatReason() throws Exception {
        TreasuryWorld w = world();
        try (HttpsEkaseAdapter ekase = w.adapter()) {
            byte[] doc = new String(Pain001s.single("BAD", "E-BAD", DEBTOR, "5.00", CREDITOR), StandardCharsets.UTF_8)
                    .replace("<PmtMtd>TRF</PmtMtd>", "").getBytes(StandardCharsets.UTF_8);
            SubmitResult result = ekase.submit(doc, "BAD");
            assertEquals("RJCT", result.report().status());
            assertEquals("FF01", result.report().reasonCode());
            assertTrue(result.report().reasonText().contains("pain.001.001.03"), result.report().reasonText());
            assertEquals(0, w.simulator.arrivals("E-BAD"));
        }
    }

    @Test
    void viewModeAdapterRefusesBeforeSending() throws Exception {
        TreasuryWorld w = world();
        try (HttpsEkaseAdapter ekase = w.adapter(TreasuryWorld.VIEWER, TreasuryWorld.VIEWER_PASSWORD, EkaseMode.VIEW)) {
            EkaseException e = assertThrows(EkaseException.class,
                    () -> ekase.submit(Pain001s.single("V1", "E-V1", DEBTOR, "5.00", CREDITOR), "V1"));
            assertEquals(EkaseException.Code.VIEW_MODE, e.code());
            assertEquals(0, w.simulator.arrivals("E-V1"));
            assertEquals("camt.052.001.02", ekase.accountReport(DEBTOR, ReportWindow.WHOLE_DAY).message().id());
        }
    }

    @Test
    void viewUserCannotImportEvenWhenTheGatewayThinksItManages() throws Exception {
        TreasuryWorld w = world();
        try (HttpsEkaseAdapter ekase = w.adapter(TreasuryWorld.VIEWER, TreasuryWorld.VIEWER_PASSWORD, EkaseMode.MANAGE)) {
            EkaseException e = assertThrows(EkaseException.class,
                    () -> ekase.submit(Pain001s.single("V2", "E-V2", DEBTOR, "5.00", CREDITOR), "V2"));
            assertEquals(EkaseException.Code.UNAUTHORIZED, e.code());
            assertEquals(0, w.simulator.arrivals("E-V2"));
        }
    }

    @Test
    void wrongPasswordIsUnauthorizedAndNotEchoed() throws Exception {
        TreasuryWorld w = world();
        try (HttpsEkaseAdapter ekase = w.adapter(TreasuryWorld.MANAGER, "guess".toCharArray(), EkaseMode.MANAGE)) {
            EkaseException e = assertThrows(EkaseException.class, () -> ekase.status("X"));
            assertEquals(EkaseException.Code.UNAUTHORIZED, e.code());
            assertFalse(e.getMessage().contains("guess"));
            assertFalse(ekase.toString().contains("guess"));
        }
    }

    @Test
    void unregisteredSourceAddressIsDisconnectedBeforeTls() throws Exception {
        world = new TreasuryWorld(s -> s.withSources(List.of(AddressBlock.parse("127.0.0.2/32"))));
        try (HttpsEkaseAdapter ekase = world.adapter()) {
            EkaseException e = assertThrows(EkaseException.class, () -> ekase.status("X"));
            assertEquals(EkaseException.Code.UNAVAILABLE, e.code());
            assertTrue(world.simulator.refusedConnections() >= 1);
        }
    }

    @Test
    void certificateNotIssuedByTheTreasuryIsRefused() throws Exception {
        TreasuryWorld w = world();
        HeldCertificate stranger = CertificateAuthority.create("Other CA").issue("intruder").client().build();
        X509ExtendedKeyManager key = new FixedKeyManager("intruder", stranger.keyPair().getPrivate(), stranger.chain());
        try (HttpsEkaseAdapter ekase = w.adapter(TreasuryWorld.MANAGER, TreasuryWorld.MANAGER_PASSWORD,
                EkaseMode.MANAGE, key)) {
            EkaseException e = assertThrows(EkaseException.class,
                    () -> ekase.submit(Pain001s.single("S1", "E-S1", DEBTOR, "5.00", CREDITOR), "S1"));
            assertEquals(EkaseException.Code.UNAVAILABLE, e.code());
            assertEquals(0, w.simulator.arrivals("E-S1"));
        }
    }

    @Test
    void statementOfAClosedDayBalancesOpeningEntriesAndClosing() throws Exception {
        TreasuryWorld w = world();
        try (HttpsEkaseAdapter ekase = w.adapter()) {
            LocalDate yesterday = LocalDate.now(ZoneId.of("Europe/Riga")).minusDays(1);
            var json = TreasuryJson.report(ekase.statement(DEBTOR, yesterday));
            var stmt = json.get("statements").get(0);
            assertEquals(DEBTOR, stmt.get("account").get("iban").asText());
            assertEquals("OPBD", stmt.get("balances").get(0).get("type").asText());
            assertEquals("254876.55", stmt.get("balances").get(0).get("amount").asText());
            assertEquals("259753.10", stmt.get("balances").get(1).get("amount").asText());
            assertEquals(2, stmt.get("entries").size());
            EkaseException today = assertThrows(EkaseException.class,
                    () -> ekase.statement(DEBTOR, yesterday.plusDays(1)));
            assertEquals(EkaseException.Code.REFUSED, today.code());
        }
    }

    @Test
    void notificationsFollowTheCursor() throws Exception {
        TreasuryWorld w = world();
        try (HttpsEkaseAdapter ekase = w.adapter()) {
            var all = TreasuryJson.report(ekase.notifications(0));
            long next = all.get("next").asLong();
            assertEquals(12, next);
            ekase.submit(Pain001s.single("N1", "E-N1", DEBTOR, "7.00", CREDITOR), "N1");
            Eventually.await(() -> status(ekase, "N1"), "ACSC"::equals, Duration.ofSeconds(5));
            var fresh = TreasuryJson.report(ekase.notifications(next));
            assertEquals(13, fresh.get("next").asLong());
            assertTrue(fresh.toString().contains("E-N1"), fresh.toString());
        }
    }
}
