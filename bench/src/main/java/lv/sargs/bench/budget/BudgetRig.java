package lv.sargs.bench.budget;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import lv.sargs.gateway.Gateway;
import lv.sargs.gateway.capability.StartupException;
import lv.sargs.gateway.config.ConfigException;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.sandbox.Sandbox;
import lv.sargs.sandbox.SandboxOptions;
import lv.sargs.sandbox.demo.DemoConfig;
import lv.sargs.sandbox.demo.DemoPki;
import lv.sargs.sandbox.demo.LookupsWiring;
import lv.sargs.sandbox.fault.FaultPlan;
import lv.sargs.sandbox.fault.Faults;
import lv.sargs.sandbox.viss.VissOptions;
import lv.sargs.sandbox.viss.VissSimulator;

/**
 * The whole lookup path for the budget benchmarks, as the demo wires it but on free ports: the
 * sandbox's registers, the gateway (client listener with mutual TLS, lookups with their upstream
 * clients, audit trail) on a demo token, and a JDK HTTP/1.1 client holding the demo client's
 * certificate. Register faults are switched at run time; {@link #close()} stops all of it.
 */
final class BudgetRig implements AutoCloseable {

    /** The path's whole budget: no answer may take longer (the client listener's request timeout). */
    static final Duration BUDGET = Duration.ofSeconds(3);

    private final Path dir;
    private final Sandbox sandbox;
    private final Gateway gateway;
    private final HttpClient client;
    private final URI base;

    private BudgetRig(Path dir, Sandbox sandbox, Gateway gateway, HttpClient client) {
        this.dir = dir;
        this.sandbox = sandbox;
        this.gateway = gateway;
        this.client = client;
        this.base = URI.create("https://127.0.0.1:" + gateway.clientAddress().getPort());
    }

    /**
     * Starts registers and gateway; every register part is fresh for {@code ttl} and may serve stale
     * for 72 h after it (the demo's terms).
     */
    static BudgetRig start(String ttl) throws IOException, ConfigException, StartupException, GeneralSecurityException {
        Path dir = Files.createTempDirectory("sargs-bench-budget");
        Token token = Tokens.demo();
        DemoPki pki = DemoPki.mint(dir, token);
        // The simulated VISS limits each client to 100 calls a second; the budget scenarios need far more.
        Sandbox sandbox = Sandbox.start(SandboxOptions.defaults()
                .withViss(VissOptions.defaults().withRateLimit(1_000_000, Duration.ofSeconds(1))));
        try {
            String lookups = LookupsWiring.prepare(sandbox, token, dir.resolve("registers"), ttl, "72h");
            token.generateKeyPair("sargs-audit", KeySpec.RSA_2048);
            String audit = """

                    audit:
                      keyLabel: sargs-audit
                      checkpointEvery: 1000
                      checkpointInterval: 1m
                      rotateSize: 64MiB
                      queueCapacity: 10000
                    """;
            Path data = Files.createDirectories(dir.resolve("data"));
            Path configFile = dir.resolve("sargs.yaml");
            Files.writeString(configFile, DemoConfig.yaml(pki, data, lookups + audit, 0, 0), StandardCharsets.UTF_8);
            GatewayConfig config = ConfigLoader.system().load(configFile);
            Gateway gateway = Gateway.start(config, configFile.toString(), token);
            return new BudgetRig(dir, sandbox, gateway, client(pki));
        } catch (IOException | ConfigException | GeneralSecurityException | RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    private static HttpClient client(DemoPki pki) throws GeneralSecurityException, IOException {
        char[] password = "bench".toCharArray();
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(pki.client().keyStore("client", password), password);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", pki.ca().certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLSv1.3");
        tls.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3"});
        // HTTP/1.1 keep-alive, one connection per waiting request, as a core system's pool would do. Connecting may
        // take long on a loaded machine while the pool is opened (unmeasured); a lookup's own timeout is 10 s.
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls).sslParameters(parameters)
                .connectTimeout(Duration.ofSeconds(60)).build();
    }

    /** Registration numbers of the companies the simulated registers know. */
    List<String> companies() {
        return sandbox.world().companies().stream().map(c -> c.registrationNumber()).toList();
    }

    /**
     * Applies {@code plan} to every lookup endpoint of VISS and VID (not to VISS's token endpoint nor
     * its change feed, so that what is measured is the lookups' own waiting).
     */
    void registers(FaultPlan plan) {
        Faults viss = sandbox.viss().faults();
        for (String endpoint : viss.endpoints()) {
            if (!endpoint.equals(VissSimulator.TOKEN) && !endpoint.equals(VissSimulator.LEGAL_ENTITY_CHANGES)) {
                viss.set(endpoint, plan);
            }
        }
        sandbox.vid().faults().setAll(plan);
    }

    /**
     * One company lookup as a core system makes it; {@code fresh} sends {@code Cache-Control: no-cache}.
     *
     * @return the HTTP status
     * @throws IOException when no answer came (the client gives up after 10 s, far past the budget)
     */
    int company(String regNo, boolean fresh) throws IOException, InterruptedException {
        return company(regNo, fresh, Duration.ofSeconds(10));
    }

    /** As {@link #company(String, boolean)}, giving up after {@code timeout} (longer while preparing a cold rig). */
    int company(String regNo, boolean fresh, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v1/companies/" + regNo))
                .header("Sargs-Purpose", "kyc").timeout(timeout).GET();
        if (fresh) {
            request.header("Cache-Control", "no-cache");
        }
        HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        return response.statusCode();
    }

    /**
     * Opens {@code connections} keep-alive connections at once (one who-am-I each), so that the measured
     * lookups find a warm pool, as a core system's would be, and no TLS handshake is counted as a lookup.
     */
    void warmConnections(int connections) {
        List<java.util.concurrent.CompletableFuture<HttpResponse<Void>>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < connections; i++) {
            calls.add(whoAmI(3));
        }
        for (var call : calls) {
            int status = call.join().statusCode();
            if (status != 200) {
                throw new IllegalStateException("budget rig: opening connections, who-am-I answered " + status
                        + " (expected: 200)");
            }
        }
    }

    /** A who-am-I, tried {@code attempts} times: a burst of handshakes on a loaded machine may hit the handshake timeout. */
    private java.util.concurrent.CompletableFuture<HttpResponse<Void>> whoAmI(int attempts) {
        var call = client.sendAsync(HttpRequest.newBuilder(base.resolve("/v1/whoami")).timeout(Duration.ofSeconds(60))
                .build(), HttpResponse.BodyHandlers.discarding());
        return attempts <= 1 ? call : call.exceptionallyCompose(e -> whoAmI(attempts - 1));
    }

    @Override
    public void close() throws IOException {
        gateway.stop();
        sandbox.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
