package lv.sargs.e2e.treasury;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import lv.sargs.e2e.E2eTokens;
import lv.sargs.e2e.TrailRecords;
import lv.sargs.e2e.GatewayUnderTest;
import lv.sargs.gateway.config.ReloadOutcome;
import lv.sargs.gateway.treasury.ekase.EkaseMode;
import lv.sargs.hsm.Pkcs11Settings;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.sandbox.demo.TreasuryWiring;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, read back from the trail file: every audit record of a payment — accepted, submitted,
 * booked — carries the id of the client request that submitted it; config reloads, on the
 * management listener and as SIGHUP does them, applied or refused, are admin actions in the trail.
 */
class PaymentRequestIdIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static TreasuryWiring.SandboxEkase ekase;
    private static GatewayUnderTest gateway;

    @BeforeAll
    static void start() throws Exception {
        ekase = TreasuryWiring.startEkase();
        Pkcs11Settings token = E2eTokens.fresh();
        gateway = GatewayUnderTest.start(dir, () -> Tokens.open(token),
                t -> TreasuryWiring.prepare(ekase, t, dir.resolve("treasury"), EkaseMode.MANAGE), Map.of());
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

    /** Every record of every trail file, in order (state-changing ones are synced before the answer). */
    private static List<JsonNode> trail() throws Exception {
        return TrailRecords.read(dir.resolve("data/audit"));
    }

    @Test
    void eachAuditRecordOfAPaymentCarriesTheRequestThatSubmittedIt() throws Exception {
        String requestId = "e2e-payment-" + UUID.randomUUID();
        String body = """
                {"debtor": {"name": "Valsts iestade A", "iban": "LV34TREL2200000000001"},
                 "transfers": [{"amount": "3.21", "currency": "EUR",
                   "creditor": {"name": "SIA Piegadatajs", "iban": "LV44HABA0551000000001"}, "creditorBic": "HABALV22",
                   "remittanceInformation": "Rekins audit-1", "ekk": "2231"}]}
                """;
        HttpResponse<String> accepted = gateway.post("/v1/treasury/payments", "application/json", body,
                "Idempotency-Key", UUID.randomUUID().toString(), "X-Request-Id", requestId);
        assertEquals(202, accepted.statusCode(), accepted.body());
        String payment = JSON.readTree(accepted.body()).get("id").asText();
        TreasuryIT.awaitState(gateway, accepted.headers().firstValue("Location").orElseThrow(), "BOOKED");

        // The store shows BOOKED as soon as it is written; its audit record follows on the same thread.
        List<JsonNode> records = List.of();
        List<String> events = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!events.contains("payment-status BOOKED") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            records = trail().stream().filter(r -> r.path("payment").asText().equals(payment)).toList();
            events = records.stream().map(r -> r.get("event").asText() + " " + r.get("outcome").asText()).toList();
        }
        assertEquals("payment-accepted STORED", events.get(0), events.toString());
        assertTrue(events.contains("payment-submitted SUBMITTED") && events.contains("payment-status BOOKED"),
                events.toString());
        for (JsonNode r : records) {
            assertEquals(requestId, r.path("requestId").asText(), "every state of the payment: " + r);
        }
    }

    @Test
    void configReloadsOnTheManagementListenerAndBySighupAreAdminActionsAppliedOrRefused() throws Exception {
        HttpResponse<String> byApi = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + gateway.gateway().managementAddress().getPort() + "/v1/config/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, byApi.statusCode(), byApi.body());
        Path config = dir.resolve("sargs.yaml");
        String good = Files.readString(config);
        Files.writeString(config, good + "unknownSection: true\n");
        ReloadOutcome bySignal;
        try {
            bySignal = gateway.gateway().reload().get();
        } finally {
            Files.writeString(config, good);
        }
        assertTrue(!bySignal.applied(), bySignal.message());

        List<JsonNode> admin = trail().stream().filter(r -> r.path("event").asText().equals("admin-action")).toList();
        assertEquals(2, admin.size(), admin.toString());
        assertEquals(List.of("management API applied", "SIGHUP refused"), admin.stream()
                .map(r -> r.get("client").asText() + " " + r.get("outcome").asText()).toList());
        assertTrue(admin.stream().allMatch(r -> r.get("action").asText().equals("config-reload")), admin.toString());
    }
}
