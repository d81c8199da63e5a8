package lv.sargs.sandbox.ekase;

import static lv.sargs.sandbox.ekase.TreasuryWorld.CREDITOR;
import static lv.sargs.sandbox.ekase.TreasuryWorld.DEBTOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import lv.sargs.gateway.config.Cidr;
import lv.sargs.gateway.config.ClientConfig;
import lv.sargs.gateway.config.ClientIdentity;
import lv.sargs.gateway.config.ClientListenerConfig;
import lv.sargs.gateway.config.Endpoint;
import lv.sargs.gateway.config.Limits;
import lv.sargs.gateway.config.ServerTls;
import lv.sargs.gateway.config.ThreadsConfig;
import lv.sargs.gateway.http.Router;
import lv.sargs.gateway.listener.ClientListener;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.threads.ThreadPools;
import lv.sargs.gateway.tls.CertificateFingerprint;
import lv.sargs.gateway.treasury.PaymentSteps;
import lv.sargs.gateway.treasury.TreasuryRoutes;
import lv.sargs.gateway.treasury.TreasuryService;
import lv.sargs.gateway.treasury.TreasurySettings;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Treasury routes on the real client listener (mTLS on loopback) in front of the simulator. */
class TreasuryHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId RIGA = ZoneId.of("Europe/Riga");
    private static final CertificateAuthority CLIENT_CA = CertificateAuthority.create("Bank client CA");
    private static final HeldCertificate SERVER = CLIENT_CA.issue("sargs").server("127.0.0.1").build();
    private static final HeldCertificate PAYMENTS = CLIENT_CA.issue("core-payments").client().build();
    private static final HeldCertificate REPORTING = CLIENT_CA.issue("reporting").client().build();

    @TempDir
    Path dir;
    private TreasuryWorld world;
    private HttpsEkaseAdapter ekase;
    private TreasuryService service;
    private ClientListener listener;
    private InetSocketAddress address;
    private final ExecutorService clientThreads = Executors.newFixedThreadPool(2);

    @BeforeEach
    void start() throws Exception {
        world = new TreasuryWorld();
        ekase = world.adapter();
        service = TreasuryService.start(TreasurySettings.defaults(dir.resolve("payments.mv"), null)
                .withTiming(Duration.ofMillis(50), Duration.ofMillis(50)), ekase, Clock.systemUTC(), PaymentSteps.NONE);
        Path caFile = dir.resolve("client-ca.pem");
        CLIENT_CA.writeCertificatePem(caFile);
        ClientListenerConfig config = new ClientListenerConfig(new Endpoint("127.0.0.1", 0),
                List.of(Cidr.parse("127.0.0.1/32")),
                new ServerTls("server", dir.resolve("unused-chain.pem"), caFile, List.of("TLSv1.3", "TLSv1.2")),
                new Limits(8192, 1 << 20, Duration.ofSeconds(5), Duration.ofSeconds(5), 8, 16, Duration.ofSeconds(5)));
        List<ClientConfig> clients = List.of(client("core-payments", PAYMENTS, "treasury-manage"),
                client("reporting", REPORTING, "treasury-view"));
        Router router = TreasuryRoutes.register(Router.builder(), service).build();
        Metrics metrics = new Metrics();
        listener = new ClientListener(config, clients, keyManager(SERVER), router, metrics, new ThreadPools(metrics),
                ThreadsConfig.defaults().tlsHandshakes());
        address = listener.start();
    }

    @AfterEach
    void stop() {
        listener.shutdown(Duration.ofSeconds(2));
        service.close();
        ekase.close();
        world.close();
        clientThreads.shutdownNow();
    }

    private static ClientConfig client(String name, HeldCertificate cert, String role) {
        return new ClientConfig(name, new ClientIdentity.Fingerprint(CertificateFingerprint.sha256(cert.certificate())),
                List.of(Cidr.parse("127.0.0.1/32")), Set.of(role), Set.of());
    }

    private static X509ExtendedKeyManager keyManager(HeldCertificate held) throws Exception {
        char[] password = "pw".toCharArray();
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(held.keyStore("key", password), password);
        return (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
    }

    private HttpClient as(HeldCertificate identity) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", CLIENT_CA.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(new javax.net.ssl.KeyManager[] {keyManager(identity)}, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).executor(clientThreads).version(HttpClient.Version.HTTP_1_1).build();
    }

    private URI uri(String path) {
        return URI.create("https://127.0.0.1:" + address.getPort() + path);
    }

    private HttpResponse<String> post(HttpClient http, String key, String type, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/v1/treasury/payments")).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(HttpClient http, String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String problemType(HttpResponse<String> r) throws Exception {
        assertEquals("application/problem+json", r.headers().firstValue("content-type").orElse(""));
        return JSON.readTree(r.body()).get("type").asText().replace("https://sargs.lv/problems/", "");
    }

    @Test
    void paymentIsAcceptedFollowedToBookedAndReportedAsJsonAndXml() throws Exception {
        HttpClient payments = as(PAYMENTS);
        HttpResponse<String> accepted = post(payments, "k-1", "application/json", TreasuryServiceTest.json("15.00", CREDITOR));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String location = accepted.headers().firstValue("location").orElseThrow();
        JsonNode stored = JSON.readTree(accepted.body());
        assertEquals("STORED", stored.get("state").asText());
        assertEquals(location, stored.get("links").get("self").asText());
        JsonNode booked = Eventually.await(() -> JSON.readTree(get(payments, location, "application/json").body()),
                p -> p.get("state").asText().equals("BOOKED"), Duration.ofSeconds(10));
        String e2e = booked.get("endToEndIds").get(0).asText();
        HttpResponse<String> pain002 = get(payments, location, "application/xml");
        assertEquals(200, pain002.statusCode());
        assertTrue(pain002.body().contains("<GrpSts>ACSC</GrpSts>"), pain002.body());

        HttpResponse<String> replay = post(payments, "k-1", "application/json", TreasuryServiceTest.json("15.00", CREDITOR));
        assertEquals(202, replay.statusCode());
        assertEquals("true", replay.headers().firstValue("idempotent-replayed").orElse(""));
        assertEquals(location, replay.headers().firstValue("location").orElseThrow());

        HttpClient reporting = as(REPORTING);
        HttpResponse<String> json = get(reporting, "/v1/treasury/accounts/" + DEBTOR + "/report", "application/json");
        assertEquals(200, json.statusCode(), json.body());
        assertTrue(json.body().contains("\"endToEndId\":\"" + e2e + "\""), json.body());
        HttpResponse<String> xml = get(reporting, "/v1/treasury/accounts/" + DEBTOR + "/report", "application/xml");
        assertEquals(200, xml.statusCode());
        assertTrue(xml.body().contains("urn:iso:std:iso:20022:tech:xsd:camt.052.001.02"), xml.body());
        assertTrue(xml.body().contains("<EndToEndId>" + e2e + "</EndToEndId>"), xml.body());
        HttpResponse<String> notes = get(reporting, "/v1/treasury/notifications?after=12", "application/json");
        assertTrue(notes.body().contains(e2e), notes.body());
        assertEquals(1, world.simulator.arrivals(e2e));
    }

    @Test
    void viewClientGets403AndNothingReachesTheTreasury() throws Exception {
        HttpResponse<String> refused = post(as(REPORTING), "k-v", "application/json",
                TreasuryServiceTest.json("1.00", CREDITOR));
        assertEquals(403, refused.statusCode());
        assertEquals("treasury-mode-forbidden", problemType(refused));
        assertEquals(0, world.simulator.distinctPayments());
    }

    @Test
    void hostileAndKeylessRequestsGetTheirProblems() throws Exception {
        HttpClient payments = as(PAYMENTS);
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE Document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\">&x;</Document>";
        HttpResponse<String> hostile = post(payments, "k-x", "application/xml", xxe);
        assertEquals(400, hostile.statusCode());
        assertEquals("treasury-invalid-document", problemType(hostile));
        assertTrue(!hostile.body().contains("root:"), hostile.body());
        HttpResponse<String> keyless = post(payments, null, "application/json", TreasuryServiceTest.json("1.00", CREDITOR));
        assertEquals("idempotency-key-required", problemType(keyless));
        HttpResponse<String> plain = post(payments, "k-t", "text/plain", "pay me");
        assertEquals(415, plain.statusCode());
        HttpResponse<String> badDate = get(payments, "/v1/treasury/accounts/" + DEBTOR + "/statement?date=yesterday",
                "application/json");
        assertEquals("treasury-invalid-document", problemType(badDate));
        assertEquals(0, world.simulator.distinctPayments());
    }

    @Test
    void reportWindowListsOnlyTheEntriesBookedWithinIt() throws Exception {
        LocalTime before = LocalTime.now(RIGA).withNano(0);
        // The window ends are times of today: a payment booked across midnight would fall on tomorrow.
        Assumptions.assumeTrue(before.isAfter(LocalTime.of(0, 0, 5)) && before.isBefore(LocalTime.of(23, 59)));
        HttpClient payments = as(PAYMENTS);
        String location = post(payments, "k-w", "application/json", TreasuryServiceTest.json("15.00", CREDITOR))
                .headers().firstValue("location").orElseThrow();
        JsonNode booked = Eventually.await(() -> JSON.readTree(get(payments, location, "application/json").body()),
                p -> p.get("state").asText().equals("BOOKED"), Duration.ofSeconds(10));
        String e2e = booked.get("endToEndIds").get(0).asText();
        HttpClient reporting = as(REPORTING);
        String report = "/v1/treasury/accounts/" + DEBTOR + "/report";

        HttpResponse<String> since = get(reporting, report + "?from=" + before, "application/json");
        assertEquals(200, since.statusCode(), since.body());
        assertTrue(since.body().contains("\"endToEndId\":\"" + e2e + "\""), since.body());
        HttpResponse<String> earlier = get(reporting, report + "?from=00:00&to=" + before.minusSeconds(1), "application/xml");
        assertEquals(200, earlier.statusCode(), earlier.body());
        assertFalse(earlier.body().contains(e2e), earlier.body());
        // The balances are the day's, whatever the window.
        assertTrue(earlier.body().contains("<Cd>ITBD</Cd>"), earlier.body());

        assertEquals("treasury-invalid-document", problemType(get(reporting, report + "?from=25:00", "application/json")));
        assertEquals("treasury-invalid-document", problemType(get(reporting, report + "?from=10:00:00.5", "application/json")));
        HttpResponse<String> backwards = get(reporting, report + "?from=12:00&to=11:59:59", "application/json");
        assertEquals("treasury-invalid-document", problemType(backwards));
        assertTrue(backwards.body().contains("to: 11:59:59 (expected: not before from 12:00)"), backwards.body());
    }
}
