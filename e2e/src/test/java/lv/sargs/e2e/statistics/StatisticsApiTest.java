package lv.sargs.e2e.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import lv.sargs.gateway.Gateway;
import lv.sargs.gateway.capability.StartupException;
import lv.sargs.gateway.status.ComponentStatus;
import lv.sargs.gateway.status.State;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7 end to end: a core system posts a report over HTTPS with its client certificate; the
 * gateway produces, signs and encrypts the files with keys on its token, delivers them to the
 * sandbox's Latvijas Banka exchange over SFTP, and shows Latvijas Banka's answer in the report's
 * status.
 */
class StatisticsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPORTS = "/v1/statistics/reports";

    @TempDir
    Path dir;

    private ReportingBank bank;
    private Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        bank = new ReportingBank(dir);
        gateway = Gateway.start(bank.config(ReportingBank.SIGNING_KEY), "e2e sargs.yaml", bank.token);
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.stop();
        }
        bank.close();
    }

    /** A valid first submission for October 2026, with {@code dataLines} data lines. */
    private static String report(int dataLines) {
        String today = LocalDate.now(ZoneId.of("Europe/Riga")).format(DateTimeFormatter.BASIC_ISO_DATE);
        StringBuilder b = new StringBuilder("ORG_KODS=" + ReportingBank.ORG + "\nDATUMS=20261031\nIESN_DAT=" + today
                + "\nPERSONA=Jānis Bērziņš\nTALRUNIS=+371 67022300\nEPASTS=statistika@banka.lv\n");
        for (int i = 0; i < dataLines; i++) {
            b.append("R").append(i).append("_C1=").append(i * 13).append('.').append(i % 10).append('\n');
        }
        return b.toString();
    }

    private HttpClient client(HeldCertificate as) throws Exception {
        return HttpClient.newBuilder().sslContext(ReportingBank.tls(as)).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private URI uri(String pathAndQuery) {
        return URI.create("https://127.0.0.1:" + gateway.clientAddress().getPort() + pathAndQuery);
    }

    private HttpResponse<String> post(HttpClient client, String query, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(REPORTS + query)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aReportPostedOverHttpsIsDeliveredAndLatvijasBankasAcceptanceShows() throws Exception {
        HttpClient reporting = client(bank.reporting);

        HttpResponse<String> posted = post(reporting, "?prefix=K01&periodEnd=2026-10-31", report(50));

        assertEquals(202, posted.statusCode(), posted.body());
        JsonNode produced = JSON.readTree(posted.body());
        String id = produced.get("id").asText();
        assertEquals(REPORTS + "/" + id, posted.headers().firstValue("Location").orElseThrow());
        assertEquals("PRODUCED", produced.get("state").asText(), posted.body());
        JsonNode file = produced.get("files").get(0);
        assertEquals("K01_ABC_20261031.p7m", file.get("name").asText());
        assertTrue(file.get("size").asLong() > 0 && file.get("sha256").asText().matches("[0-9a-f]{64}"), file.toString());

        JsonNode status = awaitState(reporting, id, "ACCEPTED");
        assertTrue(status.get("answer").get("accepted").asBoolean(), status.toString());
        assertEquals("DELIVERED", status.get("files").get(0).get("delivery").asText());
        assertTrue(status.get("attempts").get(0).get("succeeded").asBoolean(), status.toString());
        assertEquals(List.of("K01_ABC_20261031.p7m"), bank.exchange.received().get(0).files());
        ComponentStatus component = gateway.status().component("statistics").orElseThrow();
        assertEquals(State.OK, component.state(), component.reason());
    }

    @Test
    void acceptsTheReportAsJson() throws Exception {
        String today = LocalDate.now(ZoneId.of("Europe/Riga")).format(DateTimeFormatter.BASIC_ISO_DATE);
        String body = "{\"ORG_KODS\": \"ABC\", \"DATUMS\": \"20261031\", \"IESN_DAT\": \"" + today + "\",\n"
                + " \"PERSONA\": \"Jānis Bērziņš\", \"TALRUNIS\": \"+371 67022300\",\n"
                + " \"EPASTS\": \"statistika@banka.lv\", \"R1_C1\": 13.1, \"R2_C1\": -4}";

        HttpResponse<String> posted = client(bank.reporting).send(HttpRequest.newBuilder(
                        uri(REPORTS + "?prefix=K02&periodEnd=2026-10-31")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(202, posted.statusCode(), posted.body());
        assertEquals("K02_ABC_20261031.p7m", JSON.readTree(posted.body()).get("files").get(0).get("name").asText());
    }

    @Test
    void aServerWithAnotherHostKeyIsRefusedAndTheComponentShowsWhy() throws Exception {
        gateway.stop();
        ReportingBank other = new ReportingBank(Files.createDirectories(dir.resolve("other")));
        try {
            PublicKey wrong = CertificateAuthority.generate(CertificateAuthority.KeyType.EC_P256).getPublic();
            gateway = Gateway.start(other.config(ReportingBank.SIGNING_KEY, wrong), "e2e sargs.yaml", other.token);
            HttpClient reporting = client(other.reporting);

            HttpResponse<String> posted = post(reporting, "?prefix=K01&periodEnd=2026-10-31", report(5));
            assertEquals(202, posted.statusCode(), posted.body());
            String id = JSON.readTree(posted.body()).get("id").asText();

            JsonNode status = awaitAttempt(reporting, id);
            JsonNode attempt = status.get("attempts").get(0);
            assertEquals(false, attempt.get("succeeded").asBoolean());
            assertTrue(attempt.get("detail").asText().contains("statistics.sftp.hostKey"), attempt.toString());
            assertEquals("PRODUCED", status.get("state").asText());
            // The component is told after the attempt is stored: wait for it rather than race it.
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            ComponentStatus component = gateway.status().component("statistics").orElseThrow();
            while (component.state() != State.DEGRADED && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
                component = gateway.status().component("statistics").orElseThrow();
            }
            assertEquals(State.DEGRADED, component.state(), component.reason());
            assertTrue(component.reason().contains("statistics.sftp.hostKey"), component.reason());
            assertEquals(List.of(), Files.list(other.exchange.outDir(ReportingBank.USER)).toList());
        } finally {
            gateway.stop();
            gateway = null;
            other.close();
        }
    }

    @Test
    void aReportWithThreeFaultsIsRefusedWithTheirLineNumbersAndNothingIsUploaded() throws Exception {
        String body = report(3).replace("R1_C1=13.1", "R1_C1=13,1")
                .replace("EPASTS=statistika@banka.lv", "EPASTS=statistika")
                + "R9=\n";

        HttpResponse<String> refused = post(client(bank.reporting), "?prefix=K01&periodEnd=2026-10-31", body);

        assertEquals(422, refused.statusCode(), refused.body());
        assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElseThrow());
        JsonNode problem = JSON.readTree(refused.body());
        assertEquals("https://sargs.lv/problems/report-rejected", problem.get("type").asText());
        assertEquals(3, problem.get("problemCount").asInt());
        List<Integer> lines = new ArrayList<>();
        problem.get("problems").forEach(p -> lines.add(p.get("line").asInt()));
        assertEquals(List.of(6, 8, 10), lines, refused.body());
        assertTrue(problem.get("problems").get(1).get("text").asText().startsWith("R1_C1=13,1"), refused.body());
        assertEquals(List.of(), Files.list(bank.exchange.outDir(ReportingBank.USER)).toList());
        assertEquals(List.of(), bank.exchange.received());
    }

    @Test
    void aClientWithoutTheStatisticsRoleIsRefused() throws Exception {
        HttpClient coreBanking = client(bank.coreBanking);

        HttpResponse<String> post = post(coreBanking, "?prefix=K01&periodEnd=2026-10-31", report(1));
        HttpResponse<String> get = get(coreBanking, REPORTS + "/3f1c2a9e-0b7d-4c55-9e21-7a6d8f0e4b12");

        for (HttpResponse<String> refused : List.of(post, get)) {
            assertEquals(403, refused.statusCode(), refused.body());
            assertEquals("https://sargs.lv/problems/role-required", JSON.readTree(refused.body()).get("type").asText());
        }
        assertEquals(List.of(), Files.list(bank.exchange.outDir(ReportingBank.USER)).toList());
    }

    @Test
    void answersBadMetadataAndUnknownReportsWithProblems() throws Exception {
        HttpClient reporting = client(bank.reporting);

        HttpResponse<String> badDate = post(reporting, "?prefix=K01&periodEnd=20261031", report(1));
        HttpResponse<String> unknown = get(reporting, REPORTS + "/3f1c2a9e-0b7d-4c55-9e21-7a6d8f0e4b12");

        assertEquals(400, badDate.statusCode(), badDate.body());
        assertTrue(JSON.readTree(badDate.body()).get("detail").asText().startsWith("periodEnd: 20261031 (expected:"),
                badDate.body());
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertEquals("https://sargs.lv/problems/report-not-found", JSON.readTree(unknown.body()).get("type").asText());
    }

    @Test
    void aSigningKeyMissingFromTheTokenStopsStartUpNamingItsLabel() throws Exception {
        gateway.stop();
        gateway = null;
        ReportingBank other = new ReportingBank(Files.createDirectories(dir.resolve("other")));
        try {
            StartupException e = assertThrows(StartupException.class,
                    () -> Gateway.start(other.config("lb-signing-2027"), "e2e sargs.yaml", other.token));
            assertEquals(StartupException.Code.TOKEN, e.code());
            assertEquals(3, e.code().exitCode());
            assertTrue(e.getMessage().contains("statistics.signingKeyLabel: lb-signing-2027"), e.getMessage());
        } finally {
            other.close();
        }
    }

    private JsonNode awaitAttempt(HttpClient client, String id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            JsonNode status = JSON.readTree(get(client, REPORTS + "/" + id).body());
            if (status.get("attempts").size() > 0) {
                return status;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("report " + id + " has no delivery attempt: " + status);
            }
            Thread.sleep(100);
        }
    }

    private JsonNode awaitState(HttpClient client, String id, String state) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            HttpResponse<String> response = get(client, REPORTS + "/" + id);
            assertEquals(200, response.statusCode(), response.body());
            JsonNode status = JSON.readTree(response.body());
            if (status.get("state").asText().equals(state)) {
                return status;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("report " + id + " still " + status.get("state") + ", expected " + state
                        + ": " + response.body());
            }
            Thread.sleep(100);
        }
    }
}
