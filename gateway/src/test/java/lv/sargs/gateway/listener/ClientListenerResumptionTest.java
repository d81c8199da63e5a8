package lv.sargs.gateway.listener;

import static lv.sargs.gateway.listener.ListenerFixture.CA;
import static lv.sargs.gateway.listener.ListenerFixture.CORE_BANKING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.handler.ssl.OpenSsl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import lv.sargs.gateway.config.Cidr;
import lv.sargs.gateway.config.ClientConfig;
import lv.sargs.gateway.config.ClientIdentity;
import lv.sargs.gateway.config.ClientListenerConfig;
import lv.sargs.gateway.config.ClientRateLimit;
import lv.sargs.gateway.config.Endpoint;
import lv.sargs.gateway.config.RequestDeadlines;
import lv.sargs.gateway.config.ServerTls;
import lv.sargs.gateway.config.ThreadsConfig;
import lv.sargs.gateway.config.TlsProvider;
import lv.sargs.gateway.http.Access;
import lv.sargs.gateway.http.Json;
import lv.sargs.gateway.http.Router;
import lv.sargs.gateway.http.WhoAmI;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.threads.ThreadPools;
import lv.sargs.gateway.tls.CertificateFingerprint;
import lv.sargs.gateway.tls.ServerKey;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.demo.DemoToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TLS 1.3 session resumption by ticket on the client listener, with either provider: a resumed
 * connection is served as the client of its full handshake, and the allow-list and declared-client
 * checks apply to it as to any connection. Whether a connection resumed is judged on the server:
 * only a full handshake uses the server key (JDK asks its key manager for it; BoringSSL, keyless,
 * has the token sign).
 */
class ClientListenerResumptionTest {

    private static final char[] PASSWORD = "test".toCharArray();

    private final Metrics metrics = new Metrics();
    private ClientListener listener;
    private InetSocketAddress address;
    private SignCountingToken token;
    private Path dir;
    /** Full handshakes the server made: uses of its key. */
    private IntSupplier fullHandshakes;

    @AfterEach
    void stop() throws IOException {
        if (listener != null) {
            listener.shutdown(Duration.ofSeconds(1));
        }
        if (token != null) {
            token.close();
        }
        if (dir != null) {
            Files.deleteIfExists(dir.resolve("client-ca.pem"));
            Files.deleteIfExists(dir);
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void resumedSessionIsServedAsTheSameDeclaredClient(TlsProvider provider) throws Exception {
        start(provider);
        SSLContext client = TlsTestClient.sslContext(CORE_BANKING, CA);

        assertEquals("core-banking", whoAmI(client, "127.0.0.1"));
        assertEquals(1, fullHandshakes.getAsInt(), "the first connection makes a full handshake");
        for (int i = 0; i < 3; i++) {
            assertEquals("core-banking", whoAmI(client, "127.0.0.1"));
        }
        assertEquals(1, fullHandshakes.getAsInt(), "later connections resume by ticket, without the server key");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void resumedSessionOfAClientNoLongerDeclaredIsRefused(TlsProvider provider) throws Exception {
        assertResumedConnectionRefused(provider, List.of(branch()), "client-not-declared");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void resumedSessionFromOutsideTheClientsSourcesIsRefused(TlsProvider provider) throws Exception {
        assertResumedConnectionRefused(provider, List.of(coreBanking("127.0.0.2/32"), branch()),
                "client-outside-sources");
    }

    /** After a full handshake, the clients become {@code declared}; the next, resumed, connection gets 403. */
    private void assertResumedConnectionRefused(TlsProvider provider, List<ClientConfig> declared, String reason)
            throws Exception {
        start(provider);
        SSLContext client = TlsTestClient.sslContext(CORE_BANKING, CA);
        assertEquals("core-banking", whoAmI(client, "127.0.0.1"));

        listener.admit(List.of(Cidr.parse("127.0.0.0/8")), declared);
        assertEquals(403, get(client, "127.0.0.1", "/v1/whoami").status());
        assertEquals(1, fullHandshakes.getAsInt(), "the refused connection had resumed");
        ListenerFixture.eventually(() -> refused(reason) == 1);
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void ticketDoesNotGetPastTheAllowList(TlsProvider provider) throws Exception {
        start(provider);
        SSLContext client = TlsTestClient.sslContext(CORE_BANKING, CA);
        assertEquals("core-banking", whoAmI(client, "127.0.0.1"));

        listener.admit(List.of(Cidr.parse("127.0.0.2/32")), List.of(coreBanking("127.0.0.1/32"), branch()));
        assertThrows(IOException.class, () -> get(client, "127.0.0.1", "/v1/whoami"));
        ListenerFixture.eventually(() -> refused("allow-list") == 1);
        assertEquals(1, fullHandshakes.getAsInt());
    }

    private void start(TlsProvider provider) throws Exception {
        if (provider == TlsProvider.OPENSSL) {
            assumeTrue(OpenSsl.isAvailable(), () -> "BoringSSL unavailable: " + OpenSsl.unavailabilityCause());
        }
        dir = Files.createTempDirectory("sargs-resumption");
        Path caFile = dir.resolve("client-ca.pem");
        CA.writeCertificatePem(caFile);
        ServerKey key;
        if (provider == TlsProvider.OPENSSL) {
            // Keyless: every full handshake has the token sign, a resumed one does not.
            token = new SignCountingToken(DemoToken.create());
            KeyInfo info = token.generateKeyPair("server", KeySpec.EC_P256);
            X509Certificate leaf = CA.issue("localhost").server("localhost", "127.0.0.1").certify(info.publicKey());
            token.importCertificateChain("server", List.of(leaf));
            key = ServerKey.onToken(token, "server", List.of(leaf));
            fullHandshakes = token.signatures::get;
        } else {
            // The JDK picks the server's key and certificate only for a full handshake.
            RecordingKeyManager keys = new RecordingKeyManager(ListenerFixture.keyManager(ListenerFixture.SERVER));
            key = ServerKey.of(keys);
            fullHandshakes = keys.serverKeyChoices::get;
        }
        ClientListenerConfig config = new ClientListenerConfig(new Endpoint("127.0.0.1", 0),
                List.of(Cidr.parse("127.0.0.0/8")),
                new ServerTls("server", dir.resolve("unused-chain.pem"), caFile, List.of("TLSv1.3", "TLSv1.2"), provider),
                ListenerFixture.limits(Duration.ofSeconds(5), 8), RequestDeadlines.DEFAULTS, ClientRateLimit.DEFAULTS);
        listener = new ClientListener(config, List.of(coreBanking("127.0.0.1/32"), branch()), key,
                Router.builder().get("/v1/whoami", Access.ANY_CLIENT, new WhoAmI()).build(),
                metrics, new ThreadPools(metrics), ThreadsConfig.defaults().tlsHandshakes());
        address = listener.start();
    }

    private static ClientConfig coreBanking(String source) {
        return new ClientConfig("core-banking",
                new ClientIdentity.Fingerprint(CertificateFingerprint.sha256(CORE_BANKING.certificate())),
                List.of(Cidr.parse(source)), Set.of("lookup"), Set.of("kyc"));
    }

    private static ClientConfig branch() {
        return new ClientConfig("branch", new ClientIdentity.SubjectAndIssuer(
                ListenerFixture.BRANCH.certificate().getSubjectX500Principal(),
                ListenerFixture.BRANCH.certificate().getIssuerX500Principal()),
                List.of(Cidr.parse("127.0.0.2/32")), Set.of(), Set.of());
    }

    private String whoAmI(SSLContext client, String from) throws IOException {
        Answer answer = get(client, from, "/v1/whoami");
        assertEquals(200, answer.status(), answer.body());
        return Json.MAPPER.readTree(answer.body()).get("name").asText();
    }

    /**
     * A new TLS 1.3 connection from {@code from} with {@code client}'s context, which offers the ticket of
     * its last session with this server; one GET, then closed.
     */
    private Answer get(SSLContext client, String from, String path) throws IOException {
        Socket plain = new Socket();
        plain.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        plain.connect(address, 5_000);
        plain.setSoTimeout(10_000);
        // Layered with host and port named, so the JDK client caches the session and offers its ticket again.
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(plain, "127.0.0.1",
                address.getPort(), true)) {
            SSLParameters params = socket.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            params.setProtocols(new String[] {"TLSv1.3"});
            params.setApplicationProtocols(new String[] {"http/1.1"});
            socket.setSSLParameters(params);
            socket.startHandshake();
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return Answer.read(socket.getInputStream());
        }
    }

    private long refused(String reason) {
        StringBuilder out = new StringBuilder();
        metrics.writePrometheus(out);
        String series = "sargs_connections_refused_total{listener=\"client\",reason=\"" + reason + "\"} ";
        return out.toString().lines().filter(l -> l.startsWith(series))
                .mapToLong(l -> Long.parseLong(l.substring(series.length()))).findFirst().orElse(0);
    }

    /** One HTTP/1.1 answer with a Content-Length body. */
    private record Answer(int status, String body) {
        static Answer read(InputStream in) throws IOException {
            String status = line(in);
            if (status == null) {
                throw new IOException("connection closed before a response");
            }
            int length = 0;
            for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Integer.parseInt(h.substring(15).trim());
                }
            }
            return new Answer(Integer.parseInt(status.split(" ")[1]),
                    new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            for (int c; (c = in.read()) >= 0; ) {
                if (c == '\n') {
                    String s = buf.toString(StandardCharsets.ISO_8859_1);
                    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
                }
                buf.write(c);
            }
            return buf.size() == 0 ? null : buf.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
