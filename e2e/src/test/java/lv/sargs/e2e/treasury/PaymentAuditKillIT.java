package lv.sargs.e2e.treasury;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import lv.sargs.e2e.ChildGateway;
import lv.sargs.gateway.audit.TrailFiles;
import lv.sargs.gateway.audit.TrailVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: a gateway killed with SIGKILL right after answering payments 202 keeps the audit record
 * of every payment it answered (the record is synced before the answer), and its trail is intact
 * but for at most a line cut mid-write that no client was answered for.
 */
class PaymentAuditKillIT {

    private static final char[] PASSWORD = "e2e".toCharArray();
    private static final int CLIENTS = 4;
    private static final int ANSWERED_BEFORE_KILL = 40;

    @TempDir
    Path dir;

    @Test
    void everyPaymentAnswered202BeforeAKill9HasItsAcceptedRecordInTheTrail() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = dir.resolve("gateway.log");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx192m", "-XX:+UseSerialGC",
                "--add-exports", "jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED",
                "-Dtinylog.level=warn", "-cp", classPath, PayingGatewayMain.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // Its own SoftHSM2 directory: the child resets its tokens, never those of this JVM.
        builder.environment().put("SOFTHSM2_CONF", dir.resolve("softhsm").resolve("softhsm2.conf").toString());
        Process gateway = builder.start();
        Set<String> answered = new HashSet<>();
        try {
            int port = ChildGateway.awaitPort(gateway, log);
            HttpClient client = HttpClient.newBuilder().sslContext(tls()).connectTimeout(Duration.ofSeconds(10))
                    .version(HttpClient.Version.HTTP_1_1).build();
            ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
            AtomicBoolean killed = new AtomicBoolean();
            ExecutorService senders = Executors.newFixedThreadPool(CLIENTS);
            for (int c = 0; c < CLIENTS; c++) {
                senders.execute(() -> {
                    while (!killed.get()) {
                        try {
                            HttpResponse<String> answer = client.send(payment(port), HttpResponse.BodyHandlers.ofString());
                            if (answer.statusCode() == 202) {
                                ids.add(new ObjectMapper().readTree(answer.body()).get("id").asText());
                                if (ids.size() >= ANSWERED_BEFORE_KILL && killed.compareAndSet(false, true)) {
                                    gateway.destroyForcibly(); // SIGKILL, right after this 202
                                }
                            }
                        } catch (Exception e) {
                            if (!killed.get()) {
                                throw new AssertionError("payment failed before the kill", e);
                            }
                        }
                    }
                });
            }
            senders.shutdown();
            assertTrue(senders.awaitTermination(120, TimeUnit.SECONDS), "the payments were sent");
            assertTrue(gateway.waitFor(30, TimeUnit.SECONDS));
            answered.addAll(ids);
        } finally {
            if (gateway.isAlive()) {
                gateway.destroyForcibly().waitFor();
            }
        }
        assertTrue(answered.size() >= ANSWERED_BEFORE_KILL, "answered: " + answered.size());

        Path trail = dir.resolve("data").resolve("audit");
        Set<String> recorded = new HashSet<>();
        TrailVerifier.Report report = TrailVerifier.verify(trail, TrailFiles.checkpointsOf(trail), null, n -> {
            if ("payment-accepted".equals(n.path("event").asText())) {
                recorded.add(n.path("payment").asText());
            }
        });

        assertTrue(report.intact(), report.problem());
        List<String> missing = new ArrayList<>(answered);
        missing.removeAll(recorded);
        assertEquals(List.of(), missing, "payments answered 202 with no accepted record, of " + answered.size());
        for (Path f : report.files()) {
            assertTrue(!Files.readString(f, StandardCharsets.UTF_8).contains("LV34TREL"), "no IBAN in clear either");
        }
    }

    private static HttpRequest payment(int port) {
        String body = """
                {"debtor": {"name": "Valsts iestade A", "iban": "LV34TREL2200000000001"},
                 "transfers": [{"amount": "1.00", "currency": "EUR",
                   "creditor": {"name": "SIA Piegadatajs", "iban": "LV44HABA0551000000001"}, "creditorBic": "HABALV22",
                   "remittanceInformation": "kill-9", "ekk": "2231"}]}
                """;
        return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/v1/treasury/payments"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private SSLContext tls() throws Exception {
        return ChildGateway.tls(dir.resolve("client.p12"), PASSWORD, dir.resolve("ca.pem"));
    }
}
