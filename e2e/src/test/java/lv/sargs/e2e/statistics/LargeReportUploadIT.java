package lv.sargs.e2e.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import lv.sargs.e2e.ChildGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's streaming through the HTTP API: a 300 MB report POSTed over HTTPS (generated as it is
 * sent, chunked) to a gateway in its own JVM with a 96 MiB heap, which dies at once on running out
 * of memory, is answered 202 with its parts, over HTTP/1.1 and over HTTP/2; nothing is left in the gateway's work directory.
 */
class LargeReportUploadIT {

    private static final long REPORT_BYTES = 300L * 1000 * 1000;
    private static final char[] PASSWORD = "e2e".toCharArray();

    @TempDir
    Path dir;

    @Test
    void a300MegabyteReportPostedOverHttpsIsProducedByAGatewayWithA96MegabyteHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = dir.resolve("gateway.log");
        Process gateway = new ProcessBuilder(java, "-Xmx96m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-Dtinylog.level=warn", "-cp", classPath, ReportingGatewayMain.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            int port = ChildGateway.awaitPort(gateway, log);
            // The body is taken off the codec the same way for both protocols: once each.
            postAndExpectParts(port, HttpClient.Version.HTTP_1_1, "K01", log);
            postAndExpectParts(port, HttpClient.Version.HTTP_2, "K02", log);
            try (var left = Files.list(dir.resolve("data").resolve("statistics").resolve("work"))) {
                assertEquals(0, left.count(), "the spool is removed");
            }
        } finally {
            gateway.getOutputStream().close();
            if (!gateway.waitFor(30, TimeUnit.SECONDS)) {
                gateway.destroyForcibly().waitFor();
            }
        }
        assertEquals(0, gateway.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private void postAndExpectParts(int port, HttpClient.Version version, String prefix, Path log) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(version).sslContext(tls())
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest post = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port
                        + "/v1/statistics/reports?prefix=" + prefix + "&periodEnd=2026-10-31"))
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> ReportingBank.generatedReport(REPORT_BYTES)))
                .build();

        HttpResponse<String> answer = client.send(post, HttpResponse.BodyHandlers.ofString());

        assertEquals(version, answer.version());
        assertEquals(202, answer.statusCode(), answer.body() + "\n" + Files.readString(log));
        JsonNode files = new ObjectMapper().readTree(answer.body()).get("files");
        assertTrue(files.size() >= 4, "300 MB in parts of at most 95 MB: " + answer.body());
        for (int i = 0; i < files.size(); i++) {
            JsonNode file = files.get(i);
            assertTrue(file.get("name").asText().matches(prefix + "_ABC_20261031_0" + (i + 1) + "_0" + files.size()
                    + "_v01\\.p7m"), file.toString());
            assertTrue(file.get("size").asLong() <= 95_000_000L, file.toString());
        }
    }

    private SSLContext tls() throws Exception {
        return ChildGateway.tls(dir.resolve("reporting.p12"), PASSWORD, dir.resolve("clients-ca.pem"));
    }
}
