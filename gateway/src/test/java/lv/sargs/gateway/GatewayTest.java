package lv.sargs.gateway;

import lv.sargs.gateway.capability.StartupException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.time.Duration;
import java.util.Map;
import lv.sargs.gateway.config.ConfigFixture;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.gateway.status.ComponentStatus;
import lv.sargs.gateway.status.State;
import lv.sargs.gateway.tls.ServingTls;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.stop();
        }
    }

    private GatewayConfig config() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        return ConfigLoader.with(java.time.Clock.systemUTC(), Map.of()).load(f.write());
    }

    private static Token demoTokenWithListenerKey() {
        Token token = Tokens.demo();
        token.generateKeyPair("sargs-listener", KeySpec.EC_P256);
        return token;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + gateway.managementAddress().getPort() + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void isReadyOnceStartedAndMarksTheDemoTokenNotForProduction() throws Exception {
        gateway = Gateway.start(config(), "sargs.yaml", demoTokenWithListenerKey(), SlowHttpService::start);

        assertEquals(200, get("/readyz").statusCode());
        ComponentStatus token = gateway.status().component(Gateway.TOKEN).orElseThrow();
        assertEquals(State.DEGRADED, token.state());
        assertTrue(token.reason().contains("NOT FOR PRODUCTION"), token.reason());
        String status = get("/v1/status").body();
        assertTrue(status.contains("NOT FOR PRODUCTION"), status);
        assertTrue(get("/metrics").body().contains("sargs_component_state{component=\"stores\"} 0\n"));
    }

    @Test
    void aListenerServingJdkInPlaceOfOpenSslIsDegradedAndOneServingAsConfiguredIsOk() throws Exception {
        gateway = Gateway.start(config(), "sargs.yaml", demoTokenWithListenerKey(),
                serving(ServingTls.fallbackToJdk("no netty-tcnative for this platform")));
        ComponentStatus fallback = gateway.status().component(Gateway.CLIENT_LISTENER).orElseThrow();
        assertEquals(State.DEGRADED, fallback.state(), fallback.reason());
        assertTrue(fallback.reason().contains("TLS JDK (OPENSSL unavailable: no netty-tcnative"), fallback.reason());
        gateway.stop();

        gateway = Gateway.start(config(), "sargs.yaml", demoTokenWithListenerKey(),
                serving(ServingTls.openSsl("BoringSSL")));
        ComponentStatus configured = gateway.status().component(Gateway.CLIENT_LISTENER).orElseThrow();
        assertEquals(State.OK, configured.state(), configured.reason());
        assertTrue(configured.reason().contains("TLS OPENSSL (BoringSSL)"), configured.reason());
    }

    /** A client listener (the test's plain HTTP one) that reports serving with {@code tls}. */
    private static ClientService.Starter serving(ServingTls tls) {
        return context -> {
            ClientService plain = SlowHttpService.start(context);
            return new ClientService() {
                @Override
                public java.net.InetSocketAddress address() {
                    return plain.address();
                }

                @Override
                public ServingTls tlsProvider() {
                    return tls;
                }

                @Override
                public boolean shutdown(Duration grace) {
                    return plain.shutdown(grace);
                }
            };
        };
    }

    @Test
    void showsStatisticsAsNotConfiguredWithoutItsSection() throws Exception {
        gateway = Gateway.start(config(), "sargs.yaml", demoTokenWithListenerKey(), SlowHttpService::start);

        ComponentStatus statistics = gateway.status().component("statistics").orElseThrow();
        assertEquals(State.OK, statistics.state());
        assertTrue(statistics.reason().startsWith("not configured"), statistics.reason());
        assertEquals(200, get("/readyz").statusCode());
    }

    @Test
    void servesADeclaredClientThroughTheClientListenerWithTheServerKeyOnTheToken() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        Token token = Tokens.demo();
        KeyInfo key = token.generateKeyPair("sargs-listener", KeySpec.EC_P256);
        X509Certificate server = f.ca.issue("localhost").server("localhost", "127.0.0.1").certify(key.publicKey());
        token.importCertificateChain("sargs-listener", List.of(server));
        Files.writeString(f.serverChain, pem(server));
        GatewayConfig config = ConfigLoader.with(java.time.Clock.systemUTC(), Map.of()).load(f.write());
        gateway = Gateway.start(config, "sargs.yaml", token, ClientListenerWiring::start);

        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(f.client.keyStore("client", "x".toCharArray()), "x".toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", f.ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder().sslContext(tls).build();
        HttpResponse<String> whoami = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                + gateway.clientAddress().getPort() + "/v1/whoami")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, whoami.statusCode());
        assertTrue(whoami.body().contains("\"name\":\"core-banking\""), whoami.body());
        assertEquals(200, get("/readyz").statusCode());
    }

    private static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                        .encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    @Test
    void aSecondGatewayOnTheSameDataDirectoryIsRefusedAndClosesItsToken() throws Exception {
        GatewayConfig config = config();
        gateway = Gateway.start(config, "sargs.yaml", demoTokenWithListenerKey(), SlowHttpService::start);
        Token second = demoTokenWithListenerKey();
        StartupException e = assertThrows(StartupException.class,
                () -> Gateway.start(config, "sargs.yaml", second, SlowHttpService::start));
        assertEquals(StartupException.Code.STORES, e.code());
        assertThrows(RuntimeException.class, second::listKeys, "the refused gateway closed its token");
    }

    @Test
    void stopReleasesEveryPort() throws Exception {
        gateway = Gateway.start(config(), "sargs.yaml", demoTokenWithListenerKey(), SlowHttpService::start);
        int management = gateway.managementAddress().getPort();
        int client = gateway.clientAddress().getPort();
        assertTrue(gateway.stop());
        for (int port : new int[] {management, client}) {
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
                assertEquals(port, s.getLocalPort());
            }
        }
    }
}
