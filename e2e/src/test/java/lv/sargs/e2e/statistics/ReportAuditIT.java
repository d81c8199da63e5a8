package lv.sargs.e2e.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import lv.sargs.e2e.TrailRecords;
import lv.sargs.gateway.Gateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's audit events around a statistical report, read back from the trail file: Latvijas
 * Banka's reply ({@code report-replied}, naming the report), the bank's key signing the .p7m
 * ({@code key-used}, counted per key), and a config reload on the management listener
 * ({@code admin-action}, refused here since the config came from no file).
 */
class ReportAuditIT {

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

    private static String report() {
        String today = LocalDate.now(ZoneId.of("Europe/Riga")).format(DateTimeFormatter.BASIC_ISO_DATE);
        return "ORG_KODS=" + ReportingBank.ORG + "\nDATUMS=20261031\nIESN_DAT=" + today
                + "\nPERSONA=Jānis Bērziņš\nTALRUNIS=+371 67022300\nEPASTS=statistika@banka.lv\nR1_C1=13.5\n";
    }

    private HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("https://127.0.0.1:" + gateway.clientAddress().getPort() + path);
    }

    /** Every record of every trail file, in order. */
    private List<JsonNode> trail() throws Exception {
        return TrailRecords.read(dir.resolve("data/audit"));
    }

    private static List<JsonNode> of(List<JsonNode> records, String event) {
        return records.stream().filter(r -> r.path("event").asText().equals(event)).toList();
    }

    @Test
    void theReplyTheSigningKeysUseAndAReloadAreInTheTrail() throws Exception {
        HttpClient reporting = HttpClient.newBuilder().sslContext(ReportingBank.tls(bank.reporting)).build();
        HttpResponse<String> posted = send(reporting, HttpRequest.newBuilder(uri(REPORTS
                + "?prefix=K01&periodEnd=2026-10-31")).header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(report())));
        assertEquals(202, posted.statusCode(), posted.body());
        String id = JSON.readTree(posted.body()).get("id").asText();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        String state = "";
        while (!state.equals("ACCEPTED") && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            state = JSON.readTree(send(reporting, HttpRequest.newBuilder(uri(REPORTS + "/" + id))).body())
                    .get("state").asText();
        }
        assertEquals("ACCEPTED", state, "report " + id);
        HttpResponse<String> reload = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + gateway.managementAddress().getPort() + "/v1/config/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(reload.statusCode() >= 400, "no config file to reload: " + reload.statusCode() + " " + reload.body());

        gateway.stop();
        gateway = null;
        List<JsonNode> records = trail();

        List<JsonNode> replied = of(records, "report-replied");
        assertEquals(1, replied.size(), records.toString());
        assertEquals(id, replied.get(0).get("report").asText());
        assertEquals("accepted", replied.get(0).get("outcome").asText());
        List<JsonNode> keys = of(records, "key-used").stream()
                .filter(r -> r.get("key").asText().equals(ReportingBank.SIGNING_KEY)).toList();
        assertEquals(1, keys.size(), "one record for the key's uses in the window: " + records);
        assertEquals("cms-signing", keys.get(0).get("purpose").asText());
        assertEquals("1", keys.get(0).get("count").asText(), "one .p7m signed");
        List<JsonNode> admin = of(records, "admin-action");
        assertEquals(1, admin.size(), records.toString());
        assertEquals("management API", admin.get(0).get("client").asText());
        assertEquals("config-reload", admin.get(0).get("action").asText());
        assertEquals("refused", admin.get(0).get("outcome").asText());
    }
}
