package lv.sargs.gateway.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import lv.sargs.gateway.capability.Transport;
import lv.sargs.gateway.config.Cidr;
import lv.sargs.gateway.config.Endpoint;
import lv.sargs.gateway.config.ManagementListenerConfig;
import lv.sargs.gateway.config.ServerTls;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.status.State;
import lv.sargs.gateway.status.StatusModel;
import lv.sargs.gateway.threads.ThreadPools;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagementTlsTest {

    @TempDir
    Path dir;

    private final Transport transport = Transport.create(new ThreadPools(new Metrics()), 1);
    private ManagementServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        transport.close();
    }

    @Test
    void servesHttp11OverMutualTlsEvenWhenTheScraperOffersH2AndRefusesScrapersWithoutCertificate() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("Monitoring CA");
        HeldCertificate serverCert = ca.issue("localhost").server("127.0.0.1").build();
        HeldCertificate scraper = ca.issue("prometheus").client().build();
        Path caFile = dir.resolve("ca.pem");
        ca.writeCertificatePem(caFile);
        ServerTls tls = new ServerTls("sargs-management", dir.resolve("chain.pem"), caFile, List.of("TLSv1.3"));
        StatusModel status = new StatusModel(Clock.systemUTC());
        status.register("token", true, State.OK, "ok");
        server = ManagementServer.start(new ManagementListenerConfig(new Endpoint("127.0.0.1", 0),
                        List.of(Cidr.parse("127.0.0.1/32")), Optional.of(tls)), transport, status, new Metrics(),
                ManagementTls.forServer(tls, keyManager(serverCert)));
        URI readyz = URI.create("https://127.0.0.1:" + server.address().getPort() + "/readyz");

        HttpClient withCertificate = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .sslContext(tls(ca, scraper)).build();
        HttpResponse<String> r = withCertificate.send(HttpRequest.newBuilder(readyz).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals(HttpClient.Version.HTTP_1_1, r.version());

        HttpClient anonymous = HttpClient.newBuilder().sslContext(tls(ca, null)).build();
        IOException refused = assertThrows(IOException.class, () -> anonymous.send(HttpRequest.newBuilder(readyz)
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()));
        assertFalse(refused instanceof java.net.http.HttpTimeoutException, "refused, not left hanging: " + refused);
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
        KeyManager[] keys = client == null ? null : new KeyManager[] {keyManager(client)};
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, tmf.getTrustManagers(), null);
        return context;
    }
}
