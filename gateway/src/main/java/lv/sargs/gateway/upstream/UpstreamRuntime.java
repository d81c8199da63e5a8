package lv.sargs.gateway.upstream;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.util.Objects;
import java.util.concurrent.Executor;
import lv.sargs.gateway.metrics.Metrics;

/**
 * What every upstream client shares with the rest of the daemon: the event loops (each upstream
 * is confined to one of them), the socket channel type that fits them, an executor for blocking
 * work (DNS lookups, TLS handshake tasks that sign on the token), and the metrics registry.
 *
 * @param group the client event loop group
 * @param channelType e.g. {@code NioSocketChannel.class} or {@code EpollSocketChannel.class}
 * @param blockingExecutor a bounded pool that is not an event loop
 * @param metrics the gateway's registry
 * @param serverDates told the upstreams' {@code Date} headers (the clock-skew alarm)
 */
public record UpstreamRuntime(EventLoopGroup group, Class<? extends Channel> channelType, Executor blockingExecutor,
                             Metrics metrics, ServerDateListener serverDates) {

    /** A runtime whose upstreams' {@code Date} headers go unread. */
    public UpstreamRuntime(EventLoopGroup group, Class<? extends Channel> channelType, Executor blockingExecutor,
                           Metrics metrics) {
        this(group, channelType, blockingExecutor, metrics, ServerDateListener.NONE);
    }

    public UpstreamRuntime {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(channelType, "channelType");
        Objects.requireNonNull(blockingExecutor, "blockingExecutor");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(serverDates, "serverDates");
    }
}
