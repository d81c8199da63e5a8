package lv.sargs.e2e.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.OpenSsl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import lv.sargs.e2e.E2eTokens;
import lv.sargs.e2e.GatewayUnderTest;
import lv.sargs.gateway.Gateway;
import lv.sargs.hsm.Pkcs11Settings;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.sandbox.demo.DemoPki;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped TLS provider end to end: a gateway configured without {@code provider} serves its
 * client listener on OPENSSL (BoringSSL) with the listener's EC P-256 key on a real SoftHSM2
 * token, so every handshake signature is the token's (keyless: the key cannot leave it), over
 * mutual TLS 1.3 and 1.2 as configured, and still refuses a certificate from another CA.
 */
class KeylessOpenSslIT {

    @TempDir
    static Path dir;

    private static GatewayUnderTest gateway;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(OpenSsl.isAvailable(), () -> "BoringSSL (netty-tcnative) is part of the gateway and must load here: "
                + OpenSsl.unavailabilityCause());
        Pkcs11Settings token = E2eTokens.fresh();
        gateway = GatewayUnderTest.start(dir, () -> Tokens.open(token), t -> "");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void theClientListenerRunsOpenSslByDefault() {
        String reason = gateway.gateway().status().component(Gateway.CLIENT_LISTENER).orElseThrow().reason();
        assertTrue(reason.contains("TLS OPENSSL ("), reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void servesTheDeclaredClientOverMutualTlsWithTheKeyOnSoftHsm(String protocol) throws Exception {
        try (SSLSocket socket = connect(gateway.pki().client(), protocol)) {
            assertEquals(protocol, socket.getSession().getProtocol());
            X509Certificate server = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertEquals("EC", server.getPublicKey().getAlgorithm(), "the listener key made on the token");
            String answer = get(socket, "/v1/whoami");
            assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
            assertTrue(answer.contains("\"name\":\"" + DemoPki.CLIENT + "\""), answer);
        }
    }

    @Test
    void handshakesInParallelEachSignedOnTheToken() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String protocol = i % 2 == 0 ? "TLSv1.3" : "TLSv1.2";
                answers.add(clients.submit(() -> {
                    try (SSLSocket socket = connect(gateway.pki().client(), protocol)) {
                        return get(socket, "/v1/whoami");
                    }
                }));
            }
            for (Future<String> answer : answers) {
                String text = answer.get();
                assertTrue(text.startsWith("HTTP/1.1 200 "), text);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void refusesACertificateFromAnotherCa(String protocol) throws Exception {
        HeldCertificate stranger = CertificateAuthority.create("Other CA").issue(DemoPki.CLIENT).client().build();
        String outcome;
        // TLS 1.2 fails the handshake itself; TLS 1.3 clients finish first and meet the server's alert on reading.
        try (SSLSocket socket = connect(stranger, protocol)) {
            outcome = get(socket, "/v1/whoami");
        } catch (IOException e) {
            outcome = "refused: " + e;
        }
        assertFalse(outcome.startsWith("HTTP/"), outcome);
    }

    /** A finished handshake as {@code identity}, offering only {@code protocol} and no ALPN (HTTP/1.1). */
    private static SSLSocket connect(HeldCertificate identity, String protocol) throws Exception {
        char[] password = "e2e".toCharArray();
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(identity.keyStore("client", password), password);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", gateway.pki().ca().certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        InetSocketAddress address = gateway.gateway().clientAddress();
        SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", address.getPort());
        socket.setSoTimeout(10_000);
        socket.setEnabledProtocols(new String[] {protocol});
        socket.startHandshake();
        return socket;
    }

    /** One HTTP/1.1 GET on {@code socket}, the connection closed after it; the whole answer as text. */
    private static String get(SSLSocket socket, String path) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        in.transferTo(answer);
        return answer.toString(StandardCharsets.UTF_8);
    }
}
