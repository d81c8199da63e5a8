package lv.sargs.gateway.upstream;

import lv.sargs.gateway.upstream.core.RetryPolicy;
import lv.sargs.gateway.upstream.core.UpstreamTls;
import lv.sargs.gateway.upstream.core.UpstreamSettings;
import lv.sargs.gateway.upstream.core.PoolSettings;
import lv.sargs.gateway.upstream.core.ClientKey;
import lv.sargs.gateway.upstream.core.BreakerSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;

/**
 * Everything an upstream client test needs, minted at test time: an upstream CA and a bank client
 * CA, a demo token holding the client key (RSA, as VISS requires) with a certificate from the client
 * CA, an event loop, a blocking executor and a metrics registry; {@link #close()} closes every
 * client and server it made and checks that no connection is left open.
 */
public final class UpstreamFixture implements AutoCloseable {

    public static final String KEY_LABEL = "upstream-client";

    public final CertificateAuthority upstreamCa = CertificateAuthority.create("Upstream Test CA");
    public final CertificateAuthority clientCa = CertificateAuthority.create("Bank Client Test CA");
    public final Token token;
    public final ClientKey clientKey;
    public final Metrics metrics = new Metrics();
    public final List<UpstreamState> stateChanges = new CopyOnWriteArrayList<>();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ExecutorService blocking = Executors.newFixedThreadPool(2);
    private final List<UpstreamClient> clients = new ArrayList<>();
    private final List<ScriptedHttpsServer> servers = new ArrayList<>();

    /** With the client key on a fresh demo token. */
    public UpstreamFixture() {
        this(Tokens.demo());
    }

    /** With the client key generated on {@code token}, which {@link #close()} closes. */
    public UpstreamFixture(Token token) {
        this.token = token;
        KeyInfo key = token.generateKeyPair(KEY_LABEL, KeySpec.RSA_2048);
        X509Certificate leaf = clientCa.issue("sargs-bank-client").client().certify(key.publicKey());
        token.importCertificateChain(KEY_LABEL, List.of(leaf));
        clientKey = new ClientKey(KEY_LABEL, List.of(leaf));
    }

    /** A valid server certificate for 127.0.0.1 from the upstream CA. */
    public HeldCertificate serverCertificate() {
        return upstreamCa.issue("upstream.test").server("127.0.0.1").keyType(CertificateAuthority.KeyType.EC_P256)
                .build();
    }

    /** A server with a valid certificate, trusting our client CA. */
    public ScriptedHttpsServer server(ScriptedHttpsServer.Script script) throws Exception {
        return server(serverCertificate(), script);
    }

    public ScriptedHttpsServer server(HeldCertificate certificate, ScriptedHttpsServer.Script script) throws Exception {
        ScriptedHttpsServer server = ScriptedHttpsServer.start(certificate, clientCa.certificate(), script);
        servers.add(server);
        return server;
    }

    /** A server offering h2 (then http/1.1) by ALPN, with a valid certificate, trusting our client CA. */
    public ScriptedHttpsServer http2Server(ScriptedHttpsServer.Script script) throws Exception {
        ScriptedHttpsServer server = ScriptedHttpsServer.startHttp2(serverCertificate(), clientCa.certificate(), script);
        servers.add(server);
        return server;
    }

    /** Settings for {@code uri}: trust the upstream CA, 4 connections, 3 attempts, fast breaker. */
    public UpstreamSettings settings(String name, URI uri) {
        return new UpstreamSettings(name, uri,
                new UpstreamTls(List.of(upstreamCa.certificate()), List.of(), clientKey, Duration.ofSeconds(5)),
                new PoolSettings(4, 100, Duration.ofSeconds(2), Duration.ofSeconds(30), 64 * 1024, true),
                new BreakerSettings(5, 0.5, 20, Duration.ofMillis(300)),
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)));
    }

    public UpstreamClient client(UpstreamSettings settings) {
        UpstreamClient client = UpstreamClient.create(settings, token, runtime(), stateChanges::add);
        clients.add(client);
        return client;
    }

    public UpstreamRuntime runtime() {
        return runtime(ServerDateListener.NONE);
    }

    /** The runtime, telling {@code serverDates} the upstreams' Date headers. */
    public UpstreamRuntime runtime(ServerDateListener serverDates) {
        return new UpstreamRuntime(group, NioSocketChannel.class, blocking, metrics, serverDates);
    }

    /** A client whose upstream's Date headers go to {@code serverDates}. */
    public UpstreamClient client(UpstreamSettings settings, ServerDateListener serverDates) {
        UpstreamClient client = UpstreamClient.create(settings, token, runtime(serverDates), stateChanges::add);
        clients.add(client);
        return client;
    }

    /** The value of a counter series in the registry's exposition, 0 when absent. */
    public long counter(String name, String labels) {
        StringBuilder out = new StringBuilder();
        metrics.writePrometheus(out);
        String prefix = name + "{" + labels + "} ";
        return out.toString().lines().filter(l -> l.startsWith(prefix))
                .mapToLong(l -> Long.parseLong(l.substring(prefix.length()))).findFirst().orElse(0);
    }

    @Override
    public void close() throws Exception {
        for (UpstreamClient client : clients) {
            client.close();
            assertEquals(0, client.openConnections(), client.name() + ": connections left open");
        }
        for (ScriptedHttpsServer server : servers) {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (server.openConnections() > 0 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertEquals(0, server.openConnections(), "server connections left open");
            server.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        blocking.shutdownNow();
        token.close();
    }
}
