package lv.sargs.sandbox.ekase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.treasury.ekase.EkaseMode;
import lv.sargs.gateway.treasury.ekase.EkaseSettings;
import lv.sargs.gateway.treasury.ekase.UpstreamEkaseAdapter;
import lv.sargs.gateway.treasury.xml.SafeXml;
import lv.sargs.gateway.treasury.xml.XmlLimits;
import lv.sargs.gateway.upstream.core.BreakerSettings;
import lv.sargs.gateway.upstream.core.ClientKey;
import lv.sargs.gateway.upstream.core.PoolSettings;
import lv.sargs.gateway.upstream.core.RetryPolicy;
import lv.sargs.gateway.upstream.UpstreamClient;
import lv.sargs.gateway.upstream.UpstreamRuntime;
import lv.sargs.gateway.upstream.core.UpstreamSettings;
import lv.sargs.gateway.upstream.core.UpstreamTls;

/**
 * The gateway's eKase adapter over its upstream client, as {@code TreasuryCapability} builds it,
 * pointed at a {@link TreasuryWorld}'s simulator: its own event loop, blocking executor and
 * metrics; {@link #close()} closes every adapter and checks no connection is left open.
 */
final class UpstreamEkase implements AutoCloseable {

    final Metrics metrics = new Metrics();
    private final TreasuryWorld world;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ExecutorService blocking = Executors.newFixedThreadPool(2);
    private final List<UpstreamClient> clients = new ArrayList<>();

    UpstreamEkase(TreasuryWorld world) {
        this.world = world;
    }

    /** The manage user's adapter, trusting the Treasury CA, with this budget per call. */
    UpstreamEkaseAdapter adapter(Duration requestTimeout) {
        return adapter(world.simulator.uri(), world.ca.certificate(), requestTimeout);
    }

    /** The manage user's adapter for {@code uri}, trusting only {@code trusted}. */
    UpstreamEkaseAdapter adapter(URI uri, X509Certificate trusted, Duration requestTimeout) {
        EkaseSettings settings = new EkaseSettings(uri, List.of(trusted), TreasuryWorld.MANAGER,
                TreasuryWorld.MANAGER_PASSWORD, EkaseMode.MANAGE, Duration.ofSeconds(2), requestTimeout);
        UpstreamTls tls = new UpstreamTls(List.of(trusted), List.of(),
                new ClientKey(TreasuryWorld.KEY_LABEL, world.clientChain), Duration.ofSeconds(5));
        UpstreamSettings upstream = new UpstreamSettings("ekase", uri, tls,
                new PoolSettings(4, 100, Duration.ofSeconds(2), Duration.ofSeconds(60), 4 * 1024 * 1024, false),
                BreakerSettings.defaults(), new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)));
        UpstreamClient client = UpstreamClient.create(upstream, world.token,
                new UpstreamRuntime(group, NioSocketChannel.class, blocking, metrics), state -> { });
        clients.add(client);
        return new UpstreamEkaseAdapter(client, settings, new SafeXml(XmlLimits.TREASURY), Clock.systemUTC());
    }

    /** The value of an upstream counter of {@code ekase}, e.g. {@code sargs_upstream_retries_total}. */
    long counter(String name) {
        StringBuilder out = new StringBuilder();
        metrics.writePrometheus(out);
        String prefix = name + "{upstream=\"ekase\"} ";
        return out.toString().lines().filter(l -> l.startsWith(prefix))
                .mapToLong(l -> Long.parseLong(l.substring(prefix.length()))).sum();
    }

    @Override
    public void close() throws InterruptedException {
        for (UpstreamClient client : clients) {
            client.close();
            assertEquals(0, client.openConnections(), "ekase: connections left open");
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        blocking.shutdownNow();
    }
}
