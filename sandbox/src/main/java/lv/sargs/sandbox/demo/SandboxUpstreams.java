package lv.sargs.sandbox.demo;

import lv.sargs.sandbox.SandboxOptions;
import lv.sargs.sandbox.Sandbox;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.upstream.core.BreakerSettings;
import lv.sargs.gateway.upstream.core.ClientKey;
import lv.sargs.gateway.upstream.core.PoolSettings;
import lv.sargs.gateway.upstream.core.RetryPolicy;
import lv.sargs.gateway.upstream.UpstreamClient;
import lv.sargs.gateway.upstream.UpstreamRuntime;
import lv.sargs.gateway.upstream.core.UpstreamSettings;
import lv.sargs.gateway.upstream.core.UpstreamTls;
import lv.sargs.gateway.lookup.fpr.FprClient;
import lv.sargs.gateway.lookup.fpr.FprSettings;
import lv.sargs.gateway.upstream.oauth.ClientCredentialsGrant;
import lv.sargs.gateway.upstream.oauth.OAuthSettings;
import lv.sargs.gateway.lookup.viss.VissClient;
import lv.sargs.gateway.lookup.viss.VissSettings;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.sandbox.server.RegisteredClient;
import lv.sargs.sandbox.viss.VissOptions;

/**
 * The gateway's upstream clients wired to an in-process sandbox as the daemon would wire them to
 * the real services: a client key on a token (the demo token here) with a certificate from the
 * sandbox CA, registered with both simulators, and trust limited to the sandbox CA — for the
 * sandbox ITs and the upstream benchmark. {@link #close()} closes clients, sandbox, loops and token.
 */
public final class SandboxUpstreams implements AutoCloseable {

    public static final String CLIENT_ID = "sargs-gateway-under-test";
    public static final String KEY_LABEL = "upstream-client";
    private static final char[] SECRET = "gateway-test-secret-Ā".toCharArray();

    public final Sandbox sandbox;
    public final Token token;
    public final ClientKey clientKey;
    public final Metrics metrics = new Metrics();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ExecutorService blocking = Executors.newFixedThreadPool(2);
    private final List<UpstreamClient> clients = new ArrayList<>();

    /** Starts a sandbox with {@code options} and registers a fresh client key with it. */
    public SandboxUpstreams(SandboxOptions options) {
        token = Tokens.demo();
        KeyInfo key = token.generateKeyPair(KEY_LABEL, KeySpec.RSA_2048);
        sandbox = Sandbox.start(options);
        X509Certificate leaf = sandbox.certificateAuthority().issue(CLIENT_ID).client().certify(key.publicKey());
        token.importCertificateChain(KEY_LABEL, List.of(leaf));
        clientKey = new ClientKey(KEY_LABEL, List.of(leaf));
        RegisteredClient registered = new RegisteredClient(CLIENT_ID, SECRET, leaf);
        sandbox.viss().register(registered);
        sandbox.fpr().register(registered);
        sandbox.vid().register(registered);
    }

    /** With the sandbox's defaults. */
    public SandboxUpstreams() {
        this(SandboxOptions.defaults());
    }

    /** The sandbox's defaults with these VISS options. */
    public static SandboxOptions withViss(VissOptions viss) {
        return SandboxOptions.defaults().withViss(viss);
    }

    /** An upstream client of {@code uri} (4 connections, 3 attempts) trusting the sandbox CA only. */
    public UpstreamClient upstream(String name, URI uri) {
        UpstreamSettings settings = new UpstreamSettings(name, uri,
                new UpstreamTls(List.of(sandbox.caCertificate()), List.of(), clientKey, Duration.ofSeconds(5)),
                new PoolSettings(4, 1000, Duration.ofSeconds(2), Duration.ofSeconds(30), 1024 * 1024, true),
                new BreakerSettings(50, 0.9, 100, Duration.ofSeconds(1)),
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)));
        UpstreamClient client = UpstreamClient.create(settings, token,
                new UpstreamRuntime(group, NioSocketChannel.class, blocking, metrics), state -> { });
        clients.add(client);
        return client;
    }

    /** The VISS client over {@code upstream}, with the sandbox's audience (no audit trail: key uses go unrecorded). */
    public VissClient viss(UpstreamClient upstream) {
        return VissClient.create(upstream, token, new VissSettings(oauth(), sandbox.viss().audience(),
                Duration.ofSeconds(300)), metrics, (key, purpose) -> { });
    }

    /** The FPR client over {@code upstream}, with its own client-credentials grant. */
    public FprClient fpr(UpstreamClient upstream) {
        return FprClient.create(upstream, FprSettings.sandbox(sandbox.fpr().permission()),
                ClientCredentialsGrant.create(upstream, oauth(), Optional.empty(), metrics));
    }

    /** A counter series' value from the registry's exposition, 0 when absent. */
    public long counter(String name, String labels) {
        StringBuilder out = new StringBuilder();
        metrics.writePrometheus(out);
        String prefix = name + "{" + labels + "} ";
        return out.toString().lines().filter(l -> l.startsWith(prefix))
                .mapToLong(l -> Long.parseLong(l.substring(prefix.length()))).findFirst().orElse(0);
    }

    private static OAuthSettings oauth() {
        return new OAuthSettings(CLIENT_ID, SECRET.clone(), "/token", Duration.ofSeconds(0));
    }

    @Override
    public void close() throws InterruptedException {
        for (UpstreamClient client : clients) {
            client.close();
            if (client.openConnections() != 0) {
                throw new IllegalStateException(client.name() + ": " + client.openConnections() + " connections left open");
            }
        }
        sandbox.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        blocking.shutdownNow();
        token.close();
    }
}
