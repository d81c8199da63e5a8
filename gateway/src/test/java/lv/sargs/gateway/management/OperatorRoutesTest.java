package lv.sargs.gateway.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import lv.sargs.gateway.capability.Transport;
import lv.sargs.gateway.admission.DeclaredClients;
import lv.sargs.gateway.alarm.AlarmModel;
import lv.sargs.gateway.alarm.Severity;
import lv.sargs.gateway.config.Cidr;
import lv.sargs.gateway.config.ClientConfig;
import lv.sargs.gateway.config.ClientIdentity;
import lv.sargs.gateway.config.Endpoint;
import lv.sargs.gateway.config.ManagementListenerConfig;
import lv.sargs.gateway.config.ServerTls;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.threads.ThreadPools;
import lv.sargs.gateway.status.State;
import lv.sargs.gateway.status.StatusModel;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operators' routes over mutual TLS: only a declared client with role operator acts, and every action is recorded. */
class OperatorRoutesTest {

    @TempDir
    Path dir;

    private final Transport transport = Transport.create(new ThreadPools(new Metrics()), 1);
    private final List<String> audited = Collections.synchronizedList(new ArrayList<>());
    private ManagementServer server;

    /** Records what the management listener asks to be audited. */
    private final class RecordingDesk implements OperatorDesk {
        @Override
        public CompletableFuture<String> deliverStatistics() {
            return CompletableFuture.completedFuture("delivered");
        }

        @Override
        public CompletableFuture<String> probeToken() {
            return CompletableFuture.failedFuture(new IllegalStateException("CKR_DEVICE_REMOVED"));
        }

        @Override
        public CompletableFuture<List<Checkpoint>> auditCheckpoints() {
            return CompletableFuture.completedFuture(List.of(new Checkpoint("operator.jsonl", 3, "ab12", true)));
        }

        @Override
        public void audit(String by, String action, String target, String outcome) {
            audited.add(by + " " + action + " " + target + ": " + outcome);
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        transport.close();
    }

    @Test
    void onlyADeclaredOperatorActsAndEveryActionIsAudited() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("Operations CA");
        HeldCertificate serverCert = ca.issue("localhost").server("127.0.0.1").build();
        HeldCertificate operator = ca.issue("ilze").client().build();
        HeldCertificate scraper = ca.issue("prometheus").client().build();
        HeldCertificate stranger = ca.issue("stranger").client().build();
        Path caFile = dir.resolve("ca.pem");
        ca.writeCertificatePem(caFile);
        ServerTls tls = new ServerTls("sargs-management", dir.resolve("chain.pem"), caFile, List.of("TLSv1.3"));
        StatusModel status = new StatusModel(Clock.systemUTC());
        status.register("token", true, State.OK, "ok");
        AlarmModel alarms = new AlarmModel(Clock.systemUTC());
        alarms.raise("data-directory.space", Severity.WARNING, "800 MiB free", "Free space.");
        List<Cidr> loopback = List.of(Cidr.parse("127.0.0.1/32"));
        DeclaredClients clients = new DeclaredClients(List.of(
                declared("ilze-console", operator, Set.of("operator"), loopback),
                declared("prometheus", scraper, Set.of("metrics"), loopback)));
        server = ManagementServer.start(new ManagementListenerConfig(new Endpoint("127.0.0.1", 0), loopback,
                        Optional.of(tls)), transport, status, new Metrics(), alarms, new RecordingDesk(), clients,
                ManagementTls.forServer(tls, keyManager(serverCert)), ConfigReloader.NONE);

        HttpResponse<String> refused = post(ca, scraper, "/v1/alarms/data-directory.space/acknowledge");
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("role-required") && refused.body().contains("'operator'"), refused.body());
        HttpResponse<String> unknown = post(ca, stranger, "/v1/token/probe");
        assertEquals(403, unknown.statusCode());
        assertTrue(unknown.body().contains("client-not-declared"), unknown.body());
        assertTrue(alarms.unacknowledged(), "nothing happened");

        HttpResponse<String> acked = post(ca, operator, "/v1/alarms/data-directory.space/acknowledge");
        assertEquals(200, acked.statusCode(), acked.body());
        assertTrue(acked.body().contains("\"acknowledgedBy\":\"ilze-console\""), acked.body());
        assertEquals(404, post(ca, operator, "/v1/alarms/no-such-alarm/acknowledge").statusCode());
        HttpResponse<String> probe = post(ca, operator, "/v1/token/probe");
        assertEquals(200, probe.statusCode());
        assertTrue(probe.body().contains("failed: CKR_DEVICE_REMOVED"), probe.body());
        HttpResponse<String> get = client(ca, operator).send(request("/v1/token/probe").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        assertEquals(List.of("ilze-console alarm-acknowledge data-directory.space: acknowledged",
                "ilze-console token-probe token: failed: CKR_DEVICE_REMOVED"), audited);
    }

    @Test
    void reloadAndBackupSnapshotAreForADeclaredOperatorOnly() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("Operations CA");
        HeldCertificate serverCert = ca.issue("localhost").server("127.0.0.1").build();
        HeldCertificate operator = ca.issue("ilze").client().build();
        HeldCertificate scraper = ca.issue("prometheus").client().build();
        HeldCertificate stranger = ca.issue("stranger").client().build();
        Path caFile = dir.resolve("ca.pem");
        ca.writeCertificatePem(caFile);
        ServerTls tls = new ServerTls("sargs-management", dir.resolve("chain.pem"), caFile, List.of("TLSv1.3"));
        List<Cidr> loopback = List.of(Cidr.parse("127.0.0.1/32"));
        DeclaredClients clients = new DeclaredClients(List.of(
                declared("ilze-console", operator, Set.of("operator"), loopback),
                declared("prometheus", scraper, Set.of("metrics"), loopback)));
        java.util.concurrent.atomic.AtomicInteger reloads = new java.util.concurrent.atomic.AtomicInteger();
        ConfigReloader reloader = () -> {
            reloads.incrementAndGet();
            return CompletableFuture.completedFuture(lv.sargs.gateway.config.ReloadOutcome.refused("nothing to do"));
        };
        server = ManagementServer.start(new ManagementListenerConfig(new Endpoint("127.0.0.1", 0), loopback,
                        Optional.of(tls)), transport, new StatusModel(Clock.systemUTC()), new Metrics(),
                new AlarmModel(Clock.systemUTC()), new RecordingDesk(), clients,
                ManagementTls.forServer(tls, keyManager(serverCert)), reloader);
        List<String> snapshotsFor = Collections.synchronizedList(new ArrayList<>());
        server.snapshots(by -> {
            snapshotsFor.add(by);
            return CompletableFuture.completedFuture(new SnapshotMaker.Snapshot("/var/lib/sargs/.snapshots/1",
                    List.of(new SnapshotMaker.SnapshotFile("cache.mv.db", 4096)), 42, "2026-12-02T13:00:00Z"));
        });

        for (String path : List.of("/v1/config/reload", "/v1/backup/snapshot")) {
            HttpResponse<String> lacksRole = post(ca, scraper, path);
            assertEquals(403, lacksRole.statusCode(), path);
            assertTrue(lacksRole.body().contains("role-required") && lacksRole.body().contains("'operator'"),
                    lacksRole.body());
            HttpResponse<String> undeclared = post(ca, stranger, path);
            assertEquals(403, undeclared.statusCode(), path);
            assertTrue(undeclared.body().contains("client-not-declared"), undeclared.body());
        }
        assertEquals(0, reloads.get(), "no reload for a refused caller");
        assertEquals(List.of(), snapshotsFor, "no snapshot for a refused caller");

        HttpResponse<String> reloaded = post(ca, operator, "/v1/config/reload");
        assertEquals(422, reloaded.statusCode(), reloaded.body());
        assertTrue(reloaded.body().contains("nothing to do"), reloaded.body());
        assertEquals(1, reloads.get());
        HttpResponse<String> snapshot = post(ca, operator, "/v1/backup/snapshot");
        assertEquals(200, snapshot.statusCode(), snapshot.body());
        assertTrue(snapshot.body().contains("\"auditRecords\":42") && snapshot.body().contains("cache.mv.db"),
                snapshot.body());
        assertEquals(List.of("ilze-console"), snapshotsFor);
    }

    private static ClientConfig declared(String name, HeldCertificate cert, Set<String> roles, List<Cidr> sources)
            throws Exception {
        byte[] sha256 = java.security.MessageDigest.getInstance("SHA-256").digest(cert.certificate().getEncoded());
        return new ClientConfig(name, new ClientIdentity.Fingerprint(sha256), sources, roles, Set.of());
    }

    private HttpResponse<String> post(CertificateAuthority ca, HeldCertificate who, String path) throws Exception {
        return client(ca, who).send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.address().getPort() + path))
                .timeout(Duration.ofSeconds(10));
    }

    private static HttpClient client(CertificateAuthority ca, HeldCertificate who) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls(ca, who)).build();
    }

    private static X509ExtendedKeyManager keyManager(HeldCertificate held) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(held.keyStore("k", "x".toCharArray()), "x".toCharArray());
        return (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
    }

    private static SSLContext tls(CertificateAuthority ca, HeldCertificate client) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {keyManager(client)}, tmf.getTrustManagers(), null);
        return context;
    }
}
