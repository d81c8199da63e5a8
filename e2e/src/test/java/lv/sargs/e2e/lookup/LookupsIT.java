package lv.sargs.e2e.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import lv.sargs.e2e.E2eTokens;
import lv.sargs.e2e.GatewayUnderTest;
import lv.sargs.hsm.Pkcs11Settings;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.sandbox.Sandbox;
import lv.sargs.sandbox.SandboxOptions;
import lv.sargs.sandbox.data.Company;
import lv.sargs.sandbox.data.EntityStatus;
import lv.sargs.sandbox.data.Person;
import lv.sargs.sandbox.demo.LookupsWiring;
import lv.sargs.sandbox.fault.FaultPlan;
import lv.sargs.sandbox.vid.TaxRecord;
import lv.sargs.sandbox.vid.VidSimulator;
import lv.sargs.sandbox.viss.VissSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 end to end: a real gateway with its keys on SoftHSM2, asked over HTTPS with a client
 * certificate, answering from the sandbox's VISS, population register and State Revenue Service
 * (VID) and its encrypted cache.
 */
class LookupsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] KYC = {"Sargs-Purpose", "kyc"};

    @TempDir
    static Path dir;

    private static Sandbox sandbox;
    private static GatewayUnderTest gateway;
    private static List<Company> companies;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        companies = sandbox.world().companies();
        Pkcs11Settings token = E2eTokens.fresh();
        gateway = GatewayUnderTest.start(dir, () -> Tokens.open(token),
                t -> LookupsWiring.prepare(sandbox, t, dir.resolve("registers"), "24h", "72h"));
        // The test client's first TLS handshake and a cold JVM are not the gateway's budget to spend.
        assertEquals(200, gateway.get("/v1/whoami").statusCode());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        sandbox.close();
    }

    @AfterEach
    void clearFaults() {
        sandbox.viss().faults().clear();
        sandbox.vid().faults().clear();
    }

    private static long entityCalls() {
        return sandbox.viss().calls().count(VissSimulator.LEGAL_ENTITY);
    }

    private static long taxpayerCalls() {
        return sandbox.vid().calls().count(VidSimulator.TAXPAYER);
    }

    private static HttpResponse<String> company(Company c, String... more) throws Exception {
        String[] headers = new String[KYC.length + more.length];
        System.arraycopy(KYC, 0, headers, 0, KYC.length);
        System.arraycopy(more, 0, headers, KYC.length, more.length);
        return gateway.get("/v1/companies/" + c.registrationNumber(), headers);
    }

    @Test
    void answersACompanyInTheStandardStructureAndServesTheSecondAskFromTheCache() throws Exception {
        Company c = companies.get(10);
        HttpResponse<String> first = company(c);
        assertEquals(200, first.statusCode(), first.body());
        JsonNode doc = JSON.readTree(first.body());
        assertEquals(c.legalName(), doc.at("/parts/registration/data/name").asText());
        assertEquals("viss", doc.at("/parts/registration/source").asText());
        assertFalse(doc.at("/parts/registration/asOf").asText().isEmpty());
        assertEquals("unavailable", doc.at("/parts/contacts/status").asText(), "an unconnected source is present and marked");
        long calls = entityCalls();

        HttpResponse<String> second = company(c);

        assertEquals("Sargs; hit", second.headers().firstValue("Cache-Status").orElseThrow());
        assertEquals(calls, entityCalls(), "a cached answer costs no register call");
    }

    @Test
    void everyLookupHitsIncludedLeavesItsOwnAuditRecord() throws Exception {
        Company c = companies.get(41);
        List<String> requestIds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> answer = company(c);
            assertEquals(200, answer.statusCode(), answer.body());
            if (i > 0) {
                assertEquals("Sargs; hit", answer.headers().firstValue("Cache-Status").orElseThrow());
            }
            requestIds.add(answer.headers().firstValue("X-Request-Id").orElseThrow());
        }

        // Records are written by the trail's own thread in batches: wait for them to land.
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<JsonNode> records = auditRecords(requestIds);
        while (records.size() < requestIds.size() && System.nanoTime() < until) {
            Thread.sleep(100);
            records = auditRecords(requestIds);
        }

        assertEquals(requestIds.size(), records.size(), "one record per lookup, hits included: " + records);
        for (JsonNode r : records) {
            assertEquals("lookup", r.get("event").asText());
            assertEquals("core-banking", r.get("client").asText());
            assertEquals("kyc", r.get("purpose").asText());
            assertEquals("200", r.get("outcome").asText());
            assertEquals("/v1/companies/{regNo}", r.get("route").asText());
        }
    }

    private static List<JsonNode> auditRecords(List<String> requestIds) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        try (var files = Files.list(dir.resolve("data/audit"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("audit-\\d{6}\\.jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        JsonNode record = JSON.readTree(line);
                        if (record.has("requestId") && requestIds.contains(record.get("requestId").asText())) {
                            found.add(record);
                        }
                    }
                }
            }
        }
        return found;
    }

    @Test
    void aRestartWithAWarmCacheServesWithoutARegisterCallAndTheFileHoldsNoDataInClear() throws Exception {
        Company c = companies.stream().skip(20).filter(x -> !x.officers().isEmpty()).findFirst().orElseThrow();
        assertEquals(200, company(c).statusCode());
        long calls = entityCalls();

        gateway.restart();
        HttpResponse<String> after = company(c);

        assertEquals(200, after.statusCode(), after.body());
        assertEquals("Sargs; hit", after.headers().firstValue("Cache-Status").orElseThrow());
        assertEquals(calls, entityCalls());
        gateway.restart();
        String raw = new String(Files.readAllBytes(dir.resolve("data/cache.mv.db")), StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains(c.registrationNumber()), "registration number in clear");
        assertFalse(raw.contains("registrationNumber"), "field names in clear");
        assertFalse(raw.contains(c.officers().get(0).person().latvianIdentityNumber()), "an officer's personal code in clear");
    }

    @Test
    void aStalledRegisterYieldsTheStaleAnswerWithinTheBudget() throws Exception {
        Company c = companies.get(12);
        assertEquals(200, company(c).statusCode());
        sandbox.viss().faults().setAll(FaultPlan.NONE.withStalls(1.0, Duration.ofSeconds(6)));

        long start = System.nanoTime();
        HttpResponse<String> stale = company(c, "Cache-Control", "no-cache");
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(200, stale.statusCode(), stale.body());
        assertTrue(stale.headers().firstValue("Cache-Status").orElseThrow().contains("fwd=stale"),
                stale.headers().map().toString());
        assertEquals("stale", JSON.readTree(stale.body()).at("/parts/registration/status").asText());
        // The budget is 3 s (listeners.client.limits.requestTimeout); generous slack for a loaded machine.
        assertTrue(millis < 3_500, "answered after " + millis + " ms");
    }

    @Test
    void aStalledRegisterWithNothingCachedIs504WithinTheBudget() throws Exception {
        Company c = companies.get(13);
        sandbox.viss().faults().setAll(FaultPlan.NONE.withStalls(1.0, Duration.ofSeconds(6)));

        long start = System.nanoTime();
        HttpResponse<String> timedOut = company(c);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(504, timedOut.statusCode(), timedOut.body());
        assertEquals("https://sargs.lv/problems/register-timeout", JSON.readTree(timedOut.body()).get("type").asText());
        assertTrue(millis < 3_500, "answered after " + millis + " ms");
    }

    @Test
    void hundredConcurrentIdenticalMissesMakeExactlyOneRegisterCall() throws Exception {
        Company c = companies.get(14);
        sandbox.viss().faults().set(VissSimulator.LEGAL_ENTITY,
                FaultPlan.NONE.withLatency(Duration.ofMillis(800), Duration.ofMillis(900)));
        long before = entityCalls();

        List<CompletableFuture<HttpResponse<String>>> asks = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            asks.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return company(c);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<HttpResponse<String>> a : asks) {
            assertEquals(200, a.join().statusCode(), a.join().body());
        }

        assertEquals(1, entityCalls() - before);
    }

    @Test
    void aBadChecksumIsRefusedWithoutARegisterCall() throws Exception {
        long before = sandbox.viss().calls().total();

        HttpResponse<String> refused = gateway.get("/v1/companies/40003677731", KYC);

        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("40003677731"), refused.body());
        assertEquals(before, sandbox.viss().calls().total());
    }

    @Test
    void aLookupWithoutAPurposeOrWithAForeignOneIsRefused() throws Exception {
        Company c = companies.get(15);
        assertEquals(400, gateway.get("/v1/companies/" + c.registrationNumber()).statusCode());
        assertEquals(403, gateway.get("/v1/companies/" + c.registrationNumber(), "Sargs-Purpose", "marketing").statusCode());
    }

    @Test
    void aPersonIsAnsweredFromThePopulationRegisterWithRolesFromViss() throws Exception {
        var person = sandbox.world().persons().get(3);

        HttpResponse<String> answer = gateway.get("/v1/persons/" + person.personalCode(), KYC);

        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode doc = JSON.readTree(answer.body());
        assertEquals(person.surname(), doc.at("/parts/population/data/surname").asText());
        assertEquals("fpr", doc.at("/parts/population/source").asText());
    }

    @Test
    void aCompanyChangeAppearsInTheFeedForAWatchedSubjectOnly() throws Exception {
        Company watched = companies.get(16);
        Company unwatched = companies.get(17);
        assertEquals(201, gateway.send("PUT", "/v1/watchlist/company/" + watched.registrationNumber()).statusCode());
        String after = JSON.readTree(gateway.get("/v1/changes").body()).get("next").asText();

        sandbox.world().recordChange(watched.withStatus(EntityStatus.LIQUIDATION));
        sandbox.world().recordChange(unwatched.withStatus(EntityStatus.LIQUIDATION));

        JsonNode changes = null;
        for (int i = 0; i < 50; i++) {
            changes = JSON.readTree(gateway.get("/v1/changes?after=" + after).body()).get("changes");
            if (changes.size() > 0) {
                break;
            }
            Thread.sleep(200);
        }
        assertEquals(1, changes.size(), changes.toString());
        assertEquals(watched.registrationNumber(), changes.get(0).get("id").asText());
    }

    @Test
    void aPersonsChangeInThePopulationRegisterAppearsInTheFeedWhenWatched() throws Exception {
        var person = sandbox.world().persons().get(7);
        assertEquals(201, gateway.send("PUT", "/v1/watchlist/person/" + person.personalCode()).statusCode());
        String after = JSON.readTree(gateway.get("/v1/changes").body()).get("next").asText();

        sandbox.world().recordChange(person.withSurname(person.surname() + "-Kalniņa"));

        JsonNode changes = null;
        for (int i = 0; i < 50; i++) {
            changes = JSON.readTree(gateway.get("/v1/changes?after=" + after).body()).get("changes");
            if (changes.size() > 0) {
                break;
            }
            Thread.sleep(200);
        }
        assertEquals(1, changes.size(), changes.toString());
        assertEquals("person", changes.get(0).get("kind").asText());
        assertEquals("fpr", changes.get(0).get("source").asText());
    }

    // The third register, VID: taxData of companies and persons, cached and bounded like the others.

    /** The answer's taxData section is what the simulator's ledger holds for {@code code}. */
    private static void assertTaxData(String code, JsonNode section) {
        TaxRecord expected = sandbox.vid().ledger().taxpayer(code).orElseThrow();
        assertEquals("available", section.get("status").asText(), section.toString());
        assertEquals("vid", section.get("source").asText());
        JsonNode data = section.get("data");
        assertEquals(code, data.get("taxpayerCode").asText());
        assertEquals(expected.vatNumber().isPresent(), data.get("vatRegistered").booleanValue());
        assertEquals(expected.vatNumber().orElse(null), data.has("vatNumber") ? data.get("vatNumber").asText() : null);
        assertEquals(expected.debtAmount(), data.at("/taxDebt/amount").asText());
        assertEquals(expected.debtCents() > 0, data.at("/taxDebt/hasDebt").booleanValue());
        assertEquals(expected.asOf().toString(), data.at("/taxDebt/asOf").asText());
    }

    @Test
    void aCompanyCarriesItsTaxDataFromVidAndTheSecondAskIsACacheHit() throws Exception {
        Company c = companies.get(30);
        long before = taxpayerCalls();

        HttpResponse<String> first = company(c);

        assertEquals(200, first.statusCode(), first.body());
        assertTaxData(c.registrationNumber(), JSON.readTree(first.body()).at("/parts/taxData"));
        assertEquals(1, taxpayerCalls() - before, "one VID call for the company");

        HttpResponse<String> second = company(c);

        assertEquals("Sargs; hit", second.headers().firstValue("Cache-Status").orElseThrow());
        assertEquals("hit", JSON.readTree(second.body()).at("/parts/taxData/cache").asText());
        assertEquals(1, taxpayerCalls() - before, "a cached answer costs no VID call");
    }

    @Test
    void aPersonCarriesTheirTaxDataFromVidAndTheSecondAskIsACacheHit() throws Exception {
        Person p = sandbox.world().persons().get(11);
        long before = taxpayerCalls();

        HttpResponse<String> first = gateway.get("/v1/persons/" + p.personalCode(), KYC);

        assertEquals(200, first.statusCode(), first.body());
        JsonNode doc = JSON.readTree(first.body());
        assertTaxData(p.personalCode(), doc.at("/parts/taxData"));
        assertEquals(p.surname(), doc.at("/parts/population/data/surname").asText());

        HttpResponse<String> second = gateway.get("/v1/persons/" + p.personalCode(), KYC);

        assertEquals("Sargs; hit", second.headers().firstValue("Cache-Status").orElseThrow());
        assertEquals(1, taxpayerCalls() - before, "one VID call for two asks");
    }

    @Test
    void aStalledVidServesTheCachedTaxDataMarkedStaleWithinTheBudget() throws Exception {
        Company c = companies.get(31);
        assertEquals(200, company(c).statusCode());
        sandbox.vid().faults().setAll(FaultPlan.NONE.withStalls(1.0, Duration.ofSeconds(6)));

        long start = System.nanoTime();
        HttpResponse<String> stale = company(c, "Cache-Control", "no-cache");
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(200, stale.statusCode(), stale.body());
        JsonNode tax = JSON.readTree(stale.body()).at("/parts/taxData");
        assertEquals("stale", tax.get("status").asText(), tax.toString());
        assertEquals(c.registrationNumber(), tax.at("/data/taxpayerCode").asText());
        assertTrue(stale.headers().firstValue("Cache-Status").orElseThrow().contains("fwd=stale"));
        // The budget is 3 s (listeners.client.limits.requestTimeout); generous slack for a loaded machine.
        assertTrue(millis < 3_500, "answered after " + millis + " ms");
    }

    @Test
    void aStalledVidWithNothingCachedTimesOutItsSectionOnlyWithinTheBudget() throws Exception {
        Company c = companies.get(32);
        sandbox.vid().faults().setAll(FaultPlan.NONE.withStalls(1.0, Duration.ofSeconds(6)));

        long start = System.nanoTime();
        HttpResponse<String> answer = company(c);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(200, answer.statusCode(), "tax data does not identify the company: " + answer.body());
        JsonNode doc = JSON.readTree(answer.body());
        assertEquals("timed-out", doc.at("/parts/taxData/status").asText(), doc.toString());
        assertEquals("vid", doc.at("/parts/taxData/source").asText());
        assertEquals("available", doc.at("/parts/registration/status").asText());
        assertFalse(doc.at("/parts/taxData").has("data"));
        assertTrue(answer.headers().firstValue("Cache-Status").orElseThrow().contains("partial"));
        assertTrue(millis < 3_500, "answered after " + millis + " ms");
    }
}
