package lv.sargs.e2e.treasury;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import lv.sargs.e2e.E2eTokens;
import lv.sargs.e2e.GatewayUnderTest;
import lv.sargs.gateway.treasury.ekase.EkaseMode;
import lv.sargs.hsm.Pkcs11Settings;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.sandbox.demo.TreasuryWiring;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two appliances behind one load balancer, one eKase (docs/ha.md): a core system's retry of a JSON
 * payment that lands on the other box gets the same identifiers there, and eKase's duplicate
 * check on MsgId books it once.
 */
class TwoBoxPaymentIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static TreasuryWiring.SandboxEkase ekase;
    private static GatewayUnderTest boxA;
    private static GatewayUnderTest boxB;

    @BeforeAll
    static void start() throws Exception {
        ekase = TreasuryWiring.startEkase();
        boxA = box("a");
        boxB = box("b");
    }

    private static GatewayUnderTest box(String name) throws Exception {
        Pkcs11Settings token = E2eTokens.fresh();
        Path home = dir.resolve(name);
        return GatewayUnderTest.start(home, () -> Tokens.open(token),
                t -> TreasuryWiring.prepare(ekase, t, home.resolve("treasury"), EkaseMode.MANAGE));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {boxA, boxB, ekase}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // best effort; the next one is still closed
            }
        }
    }

    @Test
    void aRetryOnTheOtherBoxGetsTheSameIdentifiersAndIsBookedOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = """
                {"debtor": {"name": "Valsts iestāde", "iban": "LV34TREL2200000000001"},
                 "transfers": [{"amount": "42.00", "creditor": {"name": "SIA Piegādātājs", "iban": "LV44HABA0551000000001"},
                   "remittanceInformation": "Rēķins divas kastes"}]}
                """;

        HttpResponse<String> first = boxA.post("/v1/treasury/payments", "application/json", body, "Idempotency-Key", key);
        JsonNode onA = TreasuryIT.awaitState(boxA, first.headers().firstValue("Location").orElseThrow(), "BOOKED");
        HttpResponse<String> retry = boxB.post("/v1/treasury/payments", "application/json", body, "Idempotency-Key", key);
        JsonNode onB = TreasuryIT.awaitState(boxB, retry.headers().firstValue("Location").orElseThrow(), "BOOKED");

        assertEquals(202, first.statusCode(), first.body());
        assertEquals(202, retry.statusCode(), retry.body());
        assertEquals(onA.get("id"), onB.get("id"));
        assertEquals(onA.get("msgId"), onB.get("msgId"));
        assertEquals(onA.get("endToEndIds"), onB.get("endToEndIds"));
        String endToEndId = onA.at("/endToEndIds/0").asText();
        assertEquals(2, ekase.simulator().arrivals(endToEndId), "the pain.001 reached eKase from each box");
        assertEquals(1, ekase.simulator().bookings(endToEndId), "bookings at the Treasury");
    }
}
