package lv.sargs.e2e.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import lv.sargs.gateway.Gateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code statistics.maxReportSize} bounds the streamed report, whether the client declares a
 * larger length up front or sends it chunked: 413 problem+json naming the limit and its key, and
 * nothing of the report kept (no spool, no files, no status).
 */
@Timeout(30)
class ReportSizeLimitTest {

    private static final String LIMIT_DETAIL = "The request body exceeds this route's limit of 1048576 bytes"
            + " (configuration key statistics.maxReportSize).";

    @TempDir
    Path dir;

    private ReportingBank bank;
    private Gateway gateway;
    private HttpClient client;

    @BeforeEach
    void start() throws Exception {
        bank = new ReportingBank(dir);
        gateway = Gateway.start(bank.config(ReportingBank.SIGNING_KEY, bank.exchange.hostKey(), "1MiB"),
                "e2e sargs.yaml", bank.token);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(ReportingBank.tls(bank.reporting))
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.stop();
        }
        bank.close();
    }

    private HttpRequest.Builder post() {
        return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + gateway.clientAddress().getPort()
                        + "/v1/statistics/reports?prefix=K01&periodEnd=2026-10-31"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "text/plain; charset=utf-8");
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefused413BeforeTheBodyIsSent() throws Exception {
        try (SSLSocket socket = connect()) {
            write(socket, head("Content-Length: 3000000"));

            assertTooLarge(read(socket));
        }
        assertNothingKept();
    }

    @Test
    void aChunkedReportGrowingOverTheLimitIsRefused413AndNothingIsKept() throws Exception {
        try (SSLSocket socket = connect(); InputStream report = ReportingBank.generatedReport(2_000_000)) {
            write(socket, head("Transfer-Encoding: chunked"));
            byte[] chunk = new byte[32 * 1024];
            // Up to just past the limit, so the 413 answers the last chunk sent (a client writing on would see a reset).
            for (long sent = 0; sent <= 1024 * 1024; ) {
                int n = report.readNBytes(chunk, 0, chunk.length);
                write(socket, Integer.toHexString(n) + "\r\n");
                socket.getOutputStream().write(chunk, 0, n);
                write(socket, "\r\n");
                sent += n;
            }

            assertTooLarge(read(socket));
        }
        assertNothingKept();
    }

    private SSLSocket connect() throws Exception {
        SSLSocket socket = (SSLSocket) ReportingBank.tls(bank.reporting).getSocketFactory()
                .createSocket("127.0.0.1", gateway.clientAddress().getPort());
        socket.setSoTimeout(10_000);
        socket.setEnabledProtocols(new String[] {"TLSv1.3"});
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private static String head(String framing) {
        return "POST /v1/statistics/reports?prefix=K01&periodEnd=2026-10-31 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n" + framing + "\r\n\r\n";
    }

    private static void write(SSLSocket socket, String text) throws Exception {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** One response: status, headers (lower-case names) and its Content-Length body. */
    private static Answer read(SSLSocket socket) throws Exception {
        InputStream in = socket.getInputStream();
        String status = line(in);
        Map<String, String> headers = new HashMap<>();
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        return new Answer(Integer.parseInt(status.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new java.io.EOFException("connection closed mid-response: " + b);
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    private record Answer(int status, Map<String, String> headers, String body) {
    }

    private static void assertTooLarge(Answer answer) throws Exception {
        assertEquals(413, answer.status(), answer.body());
        assertEquals("application/problem+json", answer.headers().get("content-type"));
        JsonNode problem = new ObjectMapper().readTree(answer.body());
        assertEquals(LIMIT_DETAIL, problem.get("detail").asText());
        assertEquals("close", answer.headers().get("connection"));
    }

    @Test
    void aReportWithinTheLimitIsStillProduced() throws Exception {
        HttpRequest request = post().POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> ReportingBank.generatedReport(900_000))).build();

        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(202, answer.statusCode(), answer.body());
    }

    /** The service cleans up on its own thread once the reader fails: wait for it, bounded. */
    private void assertNothingKept() throws Exception {
        Path statistics = dir.resolve("data").resolve("statistics");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<Path> left;
        do {
            Thread.sleep(50);
            left = kept(statistics.resolve("work"));
            left.addAll(kept(statistics.resolve("files")));
        } while (!left.isEmpty() && System.nanoTime() < deadline);
        assertTrue(left.isEmpty(), "left behind: " + left);
    }

    private static List<Path> kept(Path tree) throws Exception {
        if (!Files.exists(tree)) {
            return new java.util.ArrayList<>();
        }
        try (Stream<Path> files = Files.walk(tree)) {
            return new java.util.ArrayList<>(files.filter(p -> !p.equals(tree)).toList());
        }
    }
}
