package lv.sargs.e2e.treasury;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import lv.sargs.e2e.E2eTokens;
import lv.sargs.e2e.GatewayUnderTest;
import lv.sargs.gateway.status.State;
import lv.sargs.gateway.treasury.ekase.EkaseMode;
import lv.sargs.hsm.Pkcs11Settings;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.sandbox.demo.TreasuryWiring;
import lv.sargs.sandbox.ekase.Replays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6 end to end: a real gateway with its keys on SoftHSM2, asked over HTTPS with client
 * certificates, paying and reporting through the sandbox eKase over mutual TLS with the
 * Treasury-issued client key on the token.
 */
class TreasuryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEBTOR = "LV34TREL2200000000001";
    private static final String CREDITOR = "LV44HABA0551000000001";
    /** An extra client whose only role gives view mode. */
    private static final String REPORTING = "reporting";

    @TempDir
    static Path dir;

    private static TreasuryWiring.SandboxEkase ekase;
    private static GatewayUnderTest gateway;

    @BeforeAll
    static void start() throws Exception {
        ekase = TreasuryWiring.startEkase();
        Pkcs11Settings token = E2eTokens.fresh();
        gateway = GatewayUnderTest.start(dir, () -> Tokens.open(token),
                t -> TreasuryWiring.prepare(ekase, t, dir.resolve("treasury"), EkaseMode.MANAGE),
                Map.of(REPORTING, Set.of(TreasuryWiring.VIEW_ROLE)));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (ekase != null) {
            ekase.close();
        }
    }

    private static String payment(String amount, String remittance) {
        return """
                {"debtor": {"name": "Valsts iestade A", "iban": "%s"},
                 "transfers": [{"amount": "%s", "currency": "EUR",
                   "creditor": {"name": "SIA Piegadatajs", "iban": "%s"}, "creditorBic": "HABALV22",
                   "remittanceInformation": "%s", "ekk": "2231"}]}
                """.formatted(DEBTOR, amount, CREDITOR, remittance);
    }

    private static HttpResponse<String> submit(String key, String body) throws Exception {
        return gateway.post("/v1/treasury/payments", "application/json", body, "Idempotency-Key", key);
    }

    private static JsonNode awaitState(String location, String state) throws Exception {
        return awaitState(gateway, location, state);
    }

    /** The payment at {@code location} once {@code box} shows it in {@code state} (at most 30 s). */
    static JsonNode awaitState(GatewayUnderTest box, String location, String state) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        JsonNode payment;
        do {
            HttpResponse<String> answer = box.get(location);
            assertEquals(200, answer.statusCode(), answer.body());
            payment = JSON.readTree(answer.body());
            if (state.equals(payment.get("state").asText())) {
                return payment;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("payment at " + location + " still " + payment.get("state") + " (expected: " + state
                + "): " + payment);
    }

    @Test
    void aJsonPaymentIsAcceptedBookedAndShownInTheAccountReport() throws Exception {
        HttpResponse<String> accepted = submit(UUID.randomUUID().toString(), payment("12.34", "Rekins e2e-1"));

        assertEquals(202, accepted.statusCode(), accepted.body());
        String location = accepted.headers().firstValue("Location").orElseThrow();
        JsonNode booked = awaitState(location, "BOOKED");
        String endToEndId = booked.at("/endToEndIds/0").asText();
        assertEquals("ACSC", booked.get("isoStatus").asText());

        HttpResponse<String> report = gateway.get("/v1/treasury/accounts/" + DEBTOR + "/report");
        assertEquals(200, report.statusCode(), report.body());
        JsonNode doc = JSON.readTree(report.body());
        assertEquals("camt.052.001.02", doc.get("message").asText());
        assertTrue(doc.findValuesAsText("endToEndId").contains(endToEndId), "booked " + endToEndId + " not in " + doc);
        HttpResponse<String> xml = gateway.get("/v1/treasury/accounts/" + DEBTOR + "/report", "Accept", "application/xml");
        assertTrue(xml.body().contains(endToEndId), "the eKase XML as received");

        assertEquals(State.OK, gateway.gateway().status().component("upstream.ekase").orElseThrow().state());
        assertEquals(State.OK, gateway.gateway().status().component("treasury").orElseThrow().state());
        StringBuilder metrics = new StringBuilder();
        gateway.gateway().metrics().writePrometheus(metrics);
        assertTrue(metrics.toString().contains("sargs_treasury_payments_total{state=\"BOOKED\"} "), metrics.toString());
        String audit = Files.readString(dir.resolve("data/audit/audit-000001.jsonl"), StandardCharsets.UTF_8);
        assertTrue(audit.contains("\"event\":\"payment-accepted\"") && audit.contains(booked.get("id").asText()),
                "the accepted payment is in the gateway's audit trail");
    }

    @Test
    void theSameIdempotencyKeyAnswersTheSamePaymentWhichReachesEkaseOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = payment("7.00", "Rekins e2e-2");

        HttpResponse<String> first = submit(key, body);
        HttpResponse<String> again = submit(key, body);

        assertEquals(202, first.statusCode(), first.body());
        assertEquals(202, again.statusCode(), again.body());
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse("false"));
        String id = JSON.readTree(first.body()).get("id").asText();
        assertEquals(id, JSON.readTree(again.body()).get("id").asText());
        JsonNode booked = awaitState(first.headers().firstValue("Location").orElseThrow(), "BOOKED");
        HttpResponse<String> late = submit(key, body);
        assertEquals(id, JSON.readTree(late.body()).get("id").asText(), "the same payment after it was booked");
        String endToEndId = booked.at("/endToEndIds/0").asText();
        assertEquals(1, ekase.simulator().arrivals(endToEndId), "arrivals at eKase");
        assertEquals(1, ekase.simulator().bookings(endToEndId), "bookings at the Treasury");
    }

    @Test
    void aReplayedCapturedStatementReachesTheCoreSystemWithItsFiguresUnchanged() throws Exception {
        Path captured = dir.resolve("captured-camt053.xml");
        try (var in = TreasuryIT.class.getResourceAsStream("captured-camt053.xml")) {
            Files.copy(in, captured);
        }
        ekase.simulator().replays().put(Replays.Kind.STATEMENT, DEBTOR, captured);
        try {
            String yesterday = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Riga")).minusDays(1).toString();
            HttpResponse<String> answer = gateway.get("/v1/treasury/accounts/" + DEBTOR + "/statement?date=" + yesterday);

            assertEquals(200, answer.statusCode(), answer.body());
            JsonNode s = JSON.readTree(answer.body()).at("/statements/0");
            assertEquals("CAPTURED-STMT-1", JSON.readTree(answer.body()).get("messageId").asText());
            assertEquals("221", s.get("legalSequenceNumber").asText());
            assertEquals("98765.43", s.at("/balances/0/amount").asText());
            assertEquals("GADA", s.at("/balances/0/subType").asText());
            assertEquals("98000.10", s.at("/balances/1/amount").asText());
            assertEquals("765.33", s.at("/summary/debits/sum").asText());
            JsonNode entry = s.at("/entries/0");
            assertEquals("765.33", entry.get("amount").asText());
            assertEquals("DBIT", entry.get("creditDebit").asText());
            assertEquals("BANK-PMT-9", entry.at("/batches/0/pmtInfId").asText());
            assertEquals("Tartu Ülikooli Õppehoone OÜ", entry.at("/transactions/0/creditor/name").asText());
            assertEquals("RF18539007547034", entry.at("/transactions/0/structuredRemittance/0/creditorReference").asText());
            HttpResponse<String> xml = gateway.get("/v1/treasury/accounts/" + DEBTOR + "/statement?date=" + yesterday,
                    "Accept", "application/xml");
            assertEquals(Files.readString(captured, StandardCharsets.UTF_8), xml.body(), "the captured bytes as received");
        } finally {
            ekase.simulator().replays().clear();
        }
    }

    @Test
    void aRestartReopensTheEncryptedStoreWhoseFileHoldsNoPaymentInClear() throws Exception {
        HttpResponse<String> accepted = submit(UUID.randomUUID().toString(), payment("3.21", "Rekins e2e-restart"));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String location = accepted.headers().firstValue("Location").orElseThrow();
        awaitState(location, "BOOKED");

        gateway.restart();

        assertEquals("BOOKED", JSON.readTree(gateway.get(location).body()).get("state").asText());
        gateway.restart();
        String raw = new String(Files.readAllBytes(dir.resolve("data/treasury.mv.db")), StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains(CREDITOR), "creditor IBAN in clear");
        assertFalse(raw.contains("Rekins e2e-restart"), "remittance information in clear");
        assertFalse(raw.contains("CstmrCdtTrfInitn"), "pain.001 in clear");
    }

    @Test
    void aViewModeClientMayReadReportsButIsRefusedPaymentsAndNothingReachesEkase() throws Exception {
        int before = ekase.simulator().distinctPayments();

        HttpResponse<String> refused = gateway.sendAs(REPORTING, "POST", "/v1/treasury/payments", "application/json",
                payment("1.00", "Rekins e2e-3"), "Idempotency-Key", UUID.randomUUID().toString());

        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals("https://sargs.lv/problems/treasury-mode-forbidden", JSON.readTree(refused.body()).get("type").asText());
        HttpResponse<String> report = gateway.sendAs(REPORTING, "GET", "/v1/treasury/accounts/" + DEBTOR + "/report",
                null, null);
        assertEquals(200, report.statusCode(), report.body());
        assertEquals(before, ekase.simulator().distinctPayments(), "payments at eKase");
    }

    @Test
    void hostileDocumentsAreRefusedWith400AndNothingReachesEkase() throws Exception {
        int before = ekase.simulator().distinctPayments();
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn><GrpHdr>
                <MsgId>&xxe;</MsgId></GrpHdr></CstmrCdtTrfInitn></Document>
                """;
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03">&lol2;</Document>
                """;

        for (String hostile : new String[] {xxe, laughs}) {
            HttpResponse<String> refused = gateway.post("/v1/treasury/payments", "application/xml", hostile,
                    "Idempotency-Key", UUID.randomUUID().toString());

            assertEquals(400, refused.statusCode(), refused.body());
            JsonNode problem = JSON.readTree(refused.body());
            assertEquals("https://sargs.lv/problems/treasury-invalid-document", problem.get("type").asText());
            assertFalse(refused.body().contains("root:"), "nothing of /etc/passwd in the answer");
        }
        assertEquals(before, ekase.simulator().distinctPayments(), "payments at eKase");
    }
}
