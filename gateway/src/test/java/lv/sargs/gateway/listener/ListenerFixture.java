package lv.sargs.gateway.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import lv.sargs.gateway.config.Cidr;
import lv.sargs.gateway.config.BodyLimits;
import lv.sargs.gateway.config.ClientConfig;
import lv.sargs.gateway.config.ClientIdentity;
import lv.sargs.gateway.config.ClientRateLimit;
import lv.sargs.gateway.config.ClientListenerConfig;
import lv.sargs.gateway.config.Endpoint;
import lv.sargs.gateway.config.Limits;
import lv.sargs.gateway.config.RequestDeadlines;
import lv.sargs.gateway.config.ServerTls;
import lv.sargs.gateway.config.ThreadsConfig;
import lv.sargs.gateway.config.TlsProvider;
import lv.sargs.gateway.http.Access;
import lv.sargs.gateway.http.BodyClass;
import lv.sargs.gateway.http.Response;
import lv.sargs.gateway.http.Router;
import lv.sargs.gateway.http.WhoAmI;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.threads.ThreadPools;
import lv.sargs.gateway.tls.CertificateFingerprint;
import lv.sargs.gateway.tls.ServerKey;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.Token;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;

/**
 * A client listener on 127.0.0.1 port 0 with minted PKI: a server certificate for 127.0.0.1, the
 * declared client {@code core-banking} (by fingerprint, from 127.0.0.1 only, role {@code lookup})
 * and {@code branch} (by subject and issuer, from 127.0.0.2 only), and test routes whose answers
 * the test controls.
 */
final class ListenerFixture implements AutoCloseable {

    static final CertificateAuthority CA = CertificateAuthority.create("Sargs Test Client CA");
    static final HeldCertificate SERVER = CA.issue("localhost").server("localhost", "127.0.0.1").build();
    static final HeldCertificate CORE_BANKING = CA.issue("core-banking").client().build();
    static final HeldCertificate BRANCH = CA.issue("branch").client().build();
    static final HeldCertificate UNDECLARED = CA.issue("stranger").client().build();

    /** The body limit of the streaming route {@code POST /v1/upload}, far above the listener's maxBodySize. */
    static final long UPLOAD_LIMIT = 256 * 1024;

    final Metrics metrics = new Metrics();
    /** Where {@code POST /v1/upload} reads its body: never the event loop. */
    final java.util.concurrent.ExecutorService uploads = java.util.concurrent.Executors.newSingleThreadExecutor(
            r -> new Thread(r, "test-uploads"));
    /** How each streamed upload ended: its byte count, or the exception its read failed with. */
    final java.util.concurrent.LinkedBlockingQueue<Object> uploadOutcomes = new java.util.concurrent.LinkedBlockingQueue<>();
    /** Futures handed out by {@code GET /v1/held}, completed by the test. */
    final ConcurrentLinkedQueue<CompletableFuture<Response>> held = new ConcurrentLinkedQueue<>();
    final ClientListenerConfig config;
    final List<ClientConfig> clients;
    final Router router;
    final ClientListener listener;
    final InetSocketAddress address;
    private final Path dir;
    private Token token;

    ListenerFixture(List<String> allowList, Limits limits) throws Exception {
        this(allowList, limits, TlsProvider.JDK, null);
    }

    /** With {@code deadlines} for requests arriving slowly. */
    ListenerFixture(RequestDeadlines deadlines) throws Exception {
        this(List.of("127.0.0.0/8"), limits(Duration.ofSeconds(5), 8), TlsProvider.JDK, null, deadlines,
                ClientRateLimit.DEFAULTS);
    }

    /** With {@code rateLimit} per client. */
    ListenerFixture(ClientRateLimit rateLimit) throws Exception {
        this(List.of("127.0.0.0/8"), limits(Duration.ofSeconds(5), 8), TlsProvider.JDK, null, RequestDeadlines.DEFAULTS,
                rateLimit);
    }

    /**
     * With the server key on {@code token} (a fresh {@code key} of that spec, certified for
     * 127.0.0.1 by {@link #CA}), served through {@code provider}; the token is closed with the fixture.
     */
    ListenerFixture(TlsProvider provider, SignCountingToken token, KeySpec key) throws Exception {
        this(List.of("127.0.0.0/8"), limits(Duration.ofSeconds(5), 2), provider, onToken(token, key));
        this.token = token;
    }

    private static ServerKey onToken(Token token, KeySpec spec) {
        KeyInfo info = token.generateKeyPair("server", spec);
        X509Certificate leaf = CA.issue("localhost").server("localhost", "127.0.0.1").certify(info.publicKey());
        token.importCertificateChain("server", List.of(leaf));
        return ServerKey.onToken(token, "server", List.of(leaf));
    }

    private ListenerFixture(List<String> allowList, Limits limits, TlsProvider provider, ServerKey serverKey)
            throws Exception {
        this(allowList, limits, provider, serverKey, RequestDeadlines.DEFAULTS, ClientRateLimit.DEFAULTS);
    }

    private static final java.util.function.Consumer<Router.Builder> NO_ROUTES = routes -> { };

    /**
     * With {@code core-banking}'s daily fee budget at {@code feeBudgetCents} and {@code routes} added
     * (which then serve {@code /v1/companies/{regNo}} instead of the fixture's stand-in).
     */
    ListenerFixture(long feeBudgetCents, java.util.function.Consumer<Router.Builder> routes) throws Exception {
        this(List.of("127.0.0.0/8"), limits(Duration.ofSeconds(5), 8), TlsProvider.JDK, null, RequestDeadlines.DEFAULTS,
                ClientRateLimit.DEFAULTS, feeBudgetCents, routes, null);
    }

    /** With the body bound of each route class at {@code bodyLimits} (under the listener's 1024 bytes). */
    ListenerFixture(BodyLimits bodyLimits) throws Exception {
        this(List.of("127.0.0.0/8"), limits(Duration.ofSeconds(5), 8), TlsProvider.JDK, null, RequestDeadlines.DEFAULTS,
                ClientRateLimit.DEFAULTS, ClientConfig.NO_FEE_BUDGET, NO_ROUTES, bodyLimits);
    }

    private ListenerFixture(List<String> allowList, Limits limits, TlsProvider provider, ServerKey serverKey,
                            RequestDeadlines deadlines, ClientRateLimit rateLimit) throws Exception {
        this(allowList, limits, provider, serverKey, deadlines, rateLimit, ClientConfig.NO_FEE_BUDGET, NO_ROUTES, null);
    }

    private ListenerFixture(List<String> allowList, Limits limits, TlsProvider provider, ServerKey serverKey,
                            RequestDeadlines deadlines, ClientRateLimit rateLimit, long feeBudgetCents,
                            java.util.function.Consumer<Router.Builder> moreRoutes, BodyLimits bodyLimits)
            throws Exception {
        dir = Files.createTempDirectory("sargs-listener");
        Path caFile = dir.resolve("client-ca.pem");
        CA.writeCertificatePem(caFile);
        List<Cidr> allowed = new ArrayList<>();
        for (String block : allowList) {
            allowed.add(Cidr.parse(block));
        }
        config = new ClientListenerConfig(new Endpoint("127.0.0.1", 0), allowed,
                new ServerTls("server", dir.resolve("unused-chain.pem"), caFile, List.of("TLSv1.3", "TLSv1.2"), provider),
                limits, deadlines, rateLimit,
                bodyLimits != null ? bodyLimits : BodyLimits.defaults(limits.maxBodyBytes()));
        clients = List.of(
                new ClientConfig("core-banking",
                        new ClientIdentity.Fingerprint(CertificateFingerprint.sha256(CORE_BANKING.certificate())),
                        List.of(Cidr.parse("127.0.0.1/32")), Set.of("lookup"), Set.of("kyc", "aml"), feeBudgetCents),
                new ClientConfig("branch",
                        new ClientIdentity.SubjectAndIssuer(BRANCH.certificate().getSubjectX500Principal(),
                                BRANCH.certificate().getIssuerX500Principal()),
                        List.of(Cidr.parse("127.0.0.2/32")), Set.of(), Set.of()));
        Router.Builder routes = Router.builder();
        moreRoutes.accept(routes);
        routes
                .get("/v1/whoami", Access.ANY_CLIENT, new WhoAmI())
                .get("/v1/held", Access.ANY_CLIENT, request -> {
                    CompletableFuture<Response> f = new CompletableFuture<>();
                    held.add(f);
                    return f;
                })
                .post("/v1/echo", Access.ANY_CLIENT, request -> CompletableFuture.completedFuture(
                        Response.json(java.util.Map.of("bytes", request.body().length))))
                .post("/v1/pay", Access.ANY_CLIENT, BodyClass.PAYMENTS, request -> CompletableFuture.completedFuture(
                        Response.json(java.util.Map.of("bytes", request.body().length))))
                .postStreaming("/v1/upload", Access.ANY_CLIENT, Duration.ofSeconds(10), UPLOAD_LIMIT, "test.maxUploadSize",
                        (request, body) -> CompletableFuture.supplyAsync(() -> Response.json(
                                java.util.Map.of("bytes", drain(body))), uploads))
                .get("/v1/boom", Access.ANY_CLIENT, request -> {
                    throw new IllegalStateException("lv.sargs.internal.SecretThing exploded at line 42");
                })
                ;
        if (moreRoutes == NO_ROUTES) {
            routes.get("/v1/companies/{regNo}", Access.role("lookup"), request -> CompletableFuture.completedFuture(
                    Response.json(java.util.Map.of("regNo", request.param("regNo")))));
        }
        router = routes.build();
        listener = new ClientListener(config, clients, serverKey != null ? serverKey : ServerKey.of(keyManager(SERVER)),
                router, metrics, new ThreadPools(metrics), ThreadsConfig.defaults().tlsHandshakes());
        address = listener.start();
    }

    private long drain(java.io.InputStream body) {
        byte[] buffer = new byte[8192];
        long total = 0;
        try (body) {
            for (int n; (n = body.read(buffer)) >= 0; ) {
                total += n;
            }
            uploadOutcomes.add(total);
            return total;
        } catch (IOException e) {
            uploadOutcomes.add(e);
            throw new java.io.UncheckedIOException(e);
        }
    }

    ListenerFixture() throws Exception {
        this(List.of("127.0.0.0/8"), limits(Duration.ofSeconds(5), 2));
    }

    static Limits limits(Duration handshakeTimeout, int maxInFlight) {
        return new Limits(2048, 1024, Duration.ofSeconds(5), handshakeTimeout, 4, maxInFlight, Duration.ofSeconds(5));
    }

    static X509ExtendedKeyManager keyManager(HeldCertificate held) throws GeneralSecurityException {
        char[] password = "server".toCharArray();
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(held.keyStore("server", password), password);
        for (KeyManager km : kmf.getKeyManagers()) {
            if (km instanceof X509ExtendedKeyManager x) {
                return x;
            }
        }
        throw new IllegalStateException("no X509ExtendedKeyManager");
    }

    TlsTestClient connect(String localAddress, HeldCertificate identity) throws IOException {
        return TlsTestClient.connect(address, localAddress, identity, CA);
    }

    TlsTestClient connect(String localAddress, HeldCertificate identity, String protocol) throws IOException {
        return TlsTestClient.connect(address, localAddress, identity, CA, protocol);
    }

    /** The value of {@code sargs_connections_refused_total} for {@code reason}, 0 if never counted. */
    long refused(String reason) {
        return metric("sargs_connections_refused_total{listener=\"client\",reason=\"" + reason + "\"}");
    }

    long metric(String series) {
        StringBuilder out = new StringBuilder();
        metrics.writePrometheus(out);
        for (String line : out.toString().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Long.parseLong(line.substring(series.length() + 1));
            }
        }
        return 0;
    }

    /** Waits (bounded) until {@code condition} holds: server-side effects happen on the event loop. */
    static void eventually(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
    }

    /** Shuts the listener down and checks nothing is left open. */
    @Override
    public void close() throws IOException {
        for (CompletableFuture<Response> f : held) {
            f.cancel(false);
        }
        assertTrue(listener.shutdown(Duration.ofSeconds(2)), "listener drained within its grace");
        uploads.shutdownNow();
        assertEquals(0, listener.openConnections(), "connections left open");
        assertEquals(0, listener.inFlightRequests(), "requests left in flight");
        eventually(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("sargs-client-") && t.isAlive()));
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
        if (token != null) {
            token.close();
        }
    }
}
