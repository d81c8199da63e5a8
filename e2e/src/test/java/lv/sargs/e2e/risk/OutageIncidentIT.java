package lv.sargs.e2e.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lv.sargs.e2e.E2eTokens;
import lv.sargs.e2e.GatewayUnderTest;
import lv.sargs.hsm.Pkcs11Settings;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.sandbox.Sandbox;
import lv.sargs.sandbox.SandboxOptions;
import lv.sargs.sandbox.data.Company;
import lv.sargs.sandbox.demo.DemoPki;
import lv.sargs.sandbox.demo.LookupsWiring;
import lv.sargs.sandbox.fault.FaultPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 end to end: an outage of the sandbox's VISS, injected while two declared clients ask
 * for companies, opens a DORA incident for the lookups service by itself; on recovery it closes,
 * and the management API's JSON and CSV exports carry its duration, downtime, and the failed
 * requests and clients counted exactly. The thresholds are short through the {@code risk} section.
 */
class OutageIncidentIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BRANCH = "branch-app";
    private static final String RISK = """
            risk:
              sampleInterval: 1s
              quietGap: 5m
              incidentAfter: 2s
              majorDowntime: 2h
              kri:
                failedRegisterCallsPerHour: 1000
                paymentRejectionsPerDay: 20
                refusalsPerHour: 100
            """;

    @TempDir
    static Path dir;

    private static Sandbox sandbox;
    private static GatewayUnderTest gateway;
    private static List<Company> companies;
    private static final HttpClient MANAGEMENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        companies = sandbox.world().companies();
        Pkcs11Settings token = E2eTokens.fresh();
        gateway = GatewayUnderTest.start(dir, () -> Tokens.open(token),
                t -> LookupsWiring.prepare(sandbox, t, dir.resolve("registers"), "24h", "72h") + RISK,
                Map.of(BRANCH, Set.of("lookup")));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static HttpResponse<String> lookup(String client, Company c) throws Exception {
        String path = "/v1/companies/" + c.registrationNumber();
        return client == null ? gateway.get(path, "Sargs-Purpose", "kyc")
                : gateway.sendAs(client, "GET", path, null, null, "Sargs-Purpose", "kyc");
    }

    private static String management(String path) throws Exception {
        HttpResponse<String> r = MANAGEMENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + gateway.gateway().managementAddress().getPort() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }

    /** The only incident of the export, once {@code ready} holds for it, within {@code within}. */
    private static JsonNode incidentWhen(java.util.function.Predicate<JsonNode> ready, Duration within)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        JsonNode all = JSON.readTree(management("/v1/incidents"));
        while (!(all.size() == 1 && ready.test(all.get(0))) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            all = JSON.readTree(management("/v1/incidents"));
        }
        assertEquals(1, all.size(), "incidents: " + all);
        assertTrue(ready.test(all.get(0)), "incident not as expected in time: " + all);
        return all.get(0);
    }

    @Test
    void aVissOutageOpensAnIncidentThatClosesOnRecoveryWithItsDurationAndAffectedClientsAndRequests()
            throws Exception {
        String core = DemoPki.CLIENT;
        assertEquals(200, lookup(null, companies.get(1)).statusCode());
        assertEquals(200, lookup(BRANCH, companies.get(2)).statusCode());
        assertEquals("[ ]", management("/v1/incidents").strip(), "no incident before the outage");

        Instant outageInjected = Instant.now();
        sandbox.viss().faults().setAll(FaultPlan.NONE.withErrors(1.0, 503));
        int failed = 0;
        int next = 10;
        // Each asks a company not cached yet, so only VISS can answer it.
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> r = lookup(null, companies.get(next++));
            assertTrue(r.statusCode() >= 500, r.statusCode() + " " + r.body());
            failed++;
        }
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = lookup(BRANCH, companies.get(next++));
            assertTrue(r.statusCode() >= 500, r.statusCode() + " " + r.body());
            failed++;
        }
        JsonNode open = incidentWhen(i -> i.get("ended").isNull(), Duration.ofSeconds(30));
        assertEquals("lookups", open.get("service").asText());
        assertTrue(open.get("reason").asText().startsWith("upstream.viss"), open.toString());
        Instant started = Instant.parse(open.get("started").asText());
        assertFalse(started.isBefore(outageInjected), started + " before the fault was injected " + outageInjected);
        assertTrue(Duration.between(started, Instant.parse(open.get("classified").asText()))
                .compareTo(Duration.ofSeconds(2)) >= 0, "classified before incidentAfter passed: " + open);

        sandbox.viss().faults().clear();
        // The breaker lets a probe through after its cool-down; until then lookups fail fast, and count.
        // A call failing around the probe can leave the component DEGRADED until the next success:
        // lookups go on (as a client's would) until one is answered and the incident has closed.
        Instant recovered = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline && (recovered == null
                || JSON.readTree(management("/v1/incidents")).get(0).get("ended").isNull())) {
            HttpResponse<String> r = lookup(null, companies.get(next++));
            if (r.statusCode() == 200) {
                recovered = Instant.now();
            } else {
                assertTrue(r.statusCode() >= 500, r.statusCode() + " " + r.body());
                failed++;
            }
            Thread.sleep(recovered == null ? 500 : 1_500);
        }
        assertTrue(recovered != null, "VISS never recovered after the fault was cleared");

        JsonNode closed = incidentWhen(i -> !i.get("ended").isNull(), Duration.ofSeconds(5));
        Instant ended = Instant.parse(closed.get("ended").asText());
        assertFalse(ended.isAfter(recovered), "ended " + ended + " after the last answer at " + recovered);
        long duration = Duration.between(started, ended).toSeconds();
        assertEquals(duration, closed.get("durationSeconds").asLong(), closed.toString());
        assertTrue(duration >= 2, "an incident shorter than its threshold: " + closed);
        long downtime = closed.get("downtimeSeconds").asLong();
        assertTrue(downtime > 0 && downtime <= duration, "downtime " + downtime + " of " + duration + " s: " + closed);
        assertEquals(failed, closed.get("transactionsAffected").asLong(), closed.toString());
        assertEquals(2, closed.get("clientsAffected").asInt(), closed.toString());
        assertEquals(List.of(BRANCH, core).stream().sorted().toList(),
                JSON.convertValue(closed.get("clients"), List.class), closed.toString());
        assertEquals(List.of("upstream.viss"), JSON.convertValue(closed.get("components"), List.class));

        String[] csv = management("/v1/incidents.csv").strip().split("\n");
        assertEquals(2, csv.length, String.join("\n", csv));
        List<String> header = cells(csv[0]);
        List<String> row = cells(csv[1]);
        assertEquals(header.size(), row.size(), csv[1]);
        assertEquals(closed.get("id").asText(), row.get(header.indexOf("id")));
        assertEquals(ended.toString(), row.get(header.indexOf("ended")));
        assertEquals(Long.toString(duration), row.get(header.indexOf("durationSeconds")));
        assertEquals(Long.toString(downtime), row.get(header.indexOf("downtimeSeconds")));
        assertEquals(Integer.toString(failed), row.get(header.indexOf("transactionsAffected")));
        assertEquals("2", row.get(header.indexOf("clientsAffected")));
        assertEquals(String.join(" ", List.of(BRANCH, core).stream().sorted().toList()),
                row.get(header.indexOf("clients")));
    }

    /** One RFC 4180 line's cells (quoted cells may hold commas and doubled quotes). */
    private static List<String> cells(String line) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted && ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        out.add(cell.toString());
        return out;
    }
}
