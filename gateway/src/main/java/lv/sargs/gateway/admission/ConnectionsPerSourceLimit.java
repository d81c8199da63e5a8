package lv.sargs.gateway.admission;

import lv.sargs.gateway.logging.RateLimitedWarning;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import lv.sargs.gateway.metrics.Metrics;

/**
 * Caps the connections open at once from one source address: the connection over the cap is
 * closed before a byte is read, counted ({@code reason="per-source-limit"}) and logged at
 * rate-limited WARN. An admitted connection frees its slot when it closes; having decided, the
 * handler leaves the pipeline.
 */
@ChannelHandler.Sharable
public final class ConnectionsPerSourceLimit extends ChannelInboundHandlerAdapter {

    private final String listener;
    private final int limit;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final Metrics.Counter refused;
    private final RateLimitedWarning warning = new RateLimitedWarning(AllowListFilter.WARN_INTERVAL);

    /** At most {@code limit} (at least 1) concurrent connections per source address. */
    public ConnectionsPerSourceLimit(String listener, int limit, Metrics metrics) {
        if (limit < 1) {
            throw new IllegalArgumentException("maxConnectionsPerSource: " + limit + " (expected: at least 1)");
        }
        this.listener = listener;
        this.limit = limit;
        this.refused = Refusals.counter(metrics, listener, "per-source-limit");
    }

    /** Connections currently counted against {@code source}. */
    public int openFrom(InetAddress source) {
        return open.getOrDefault(source, 0);
    }

    @Override
    public void channelRegistered(ChannelHandlerContext ctx) {
        if (!(ctx.channel().remoteAddress() instanceof InetSocketAddress remote) || remote.isUnresolved()) {
            // The allow-list before us refuses these; fail closed if it was left out.
            ctx.close();
            return;
        }
        InetAddress source = remote.getAddress();
        boolean[] admitted = new boolean[1];
        open.compute(source, (k, n) -> {
            int current = n == null ? 0 : n;
            admitted[0] = current < limit;
            return admitted[0] ? current + 1 : n;
        });
        if (!admitted[0]) {
            refused.increment();
            warning.warn("{} listener: refused connection from {} (limit of {} connections per source reached)",
                    listener, source.getHostAddress(), limit);
            ctx.close();
            return;
        }
        ctx.channel().closeFuture().addListener(f -> open.computeIfPresent(source, (k, n) -> n > 1 ? n - 1 : null));
        ctx.pipeline().remove(this);
        ctx.fireChannelRegistered();
    }
}
