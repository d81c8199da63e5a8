package lv.sargs.gateway.admission;

import lv.sargs.gateway.logging.RateLimitedWarning;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import lv.sargs.gateway.config.Cidr;
import lv.sargs.gateway.metrics.Metrics;

/**
 * Admits a connection only when its source address lies in one of the listener's CIDR blocks;
 * decided when the channel is registered, before a byte is read; an empty list admits nobody.
 * A refused connection is closed at once, counted in {@code sargs_connections_refused_total}
 * ({@code reason="allow-list"}) and logged at rate-limited WARN. Having decided, it leaves the pipeline.
 * Independent of any one listener: the client and the management listener each add their own.
 */
@ChannelHandler.Sharable
public final class AllowListFilter extends ChannelInboundHandlerAdapter {

    /** At most one refusal line per this interval per listener; the rest are counted. */
    static final Duration WARN_INTERVAL = Duration.ofSeconds(10);

    private final String listener;
    private final Cidr[] allowed;
    private final Metrics.Counter refused;
    private final RateLimitedWarning warning;

    /**
     * @param listener the listener's name in logs and metrics, e.g. {@code client} or {@code management}
     * @param allowList the blocks admitted; empty admits nobody
     */
    public AllowListFilter(String listener, List<Cidr> allowList, Metrics metrics) {
        this(listener, allowList, metrics, new RateLimitedWarning(WARN_INTERVAL));
    }

    AllowListFilter(String listener, List<Cidr> allowList, Metrics metrics, RateLimitedWarning warning) {
        this.listener = listener;
        this.allowed = allowList.toArray(new Cidr[0]);
        this.refused = Refusals.counter(metrics, listener, "allow-list");
        this.warning = warning;
    }

    /** Whether {@code source} lies in the allow-list. */
    public boolean admits(InetSocketAddress source) {
        if (source.isUnresolved()) {
            return false;
        }
        byte[] address = source.getAddress().getAddress();
        for (Cidr block : allowed) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void channelRegistered(ChannelHandlerContext ctx) {
        SocketAddress remote = ctx.channel().remoteAddress();
        if (remote == null) {
            // Not connected yet (never the case for an accepted socket): decide when it becomes active.
            ctx.fireChannelRegistered();
        } else if (decide(ctx, remote)) {
            ctx.fireChannelRegistered();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (decide(ctx, ctx.channel().remoteAddress())) {
            ctx.fireChannelActive();
        }
    }

    private boolean decide(ChannelHandlerContext ctx, SocketAddress remote) {
        if (remote instanceof InetSocketAddress source && admits(source)) {
            ctx.pipeline().remove(this);
            return true;
        }
        refused.increment();
        warning.warn("{} listener: refused connection from {} (not in the allow-list)", listener, describe(remote));
        ctx.close();
        return false;
    }

    private static String describe(SocketAddress remote) {
        if (remote instanceof InetSocketAddress s && !s.isUnresolved()) {
            return s.getAddress().getHostAddress();
        }
        return String.valueOf(remote);
    }
}
