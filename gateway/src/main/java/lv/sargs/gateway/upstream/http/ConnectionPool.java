package lv.sargs.gateway.upstream.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelGroupFuture;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http2.Http2FrameStreamEvent;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lv.sargs.gateway.upstream.core.Deadline;
import lv.sargs.gateway.upstream.core.Phase;
import lv.sargs.gateway.upstream.core.PoolSettings;
import lv.sargs.gateway.upstream.core.UpstreamException;
import lv.sargs.gateway.upstream.core.UpstreamException.Code;
import lv.sargs.gateway.upstream.core.UpstreamSettings;

/**
 * The connections of one upstream, confined to one event loop. For HTTP/2 connections it hands out
 * a new stream on one with room; for HTTP/1.1 an idle keep-alive connection (most recently used
 * first, so the rest can idle out). Otherwise it opens a connection while under
 * {@code maxConnections}, or queues the caller until a connection or stream frees up or its
 * deadline passes.
 */
final class ConnectionPool {

    private static final String STREAM_CLOSED = "h2-stream-closed";

    /**
     * Connections being opened at once, at most. Every opening is a TCP connect and a mutual-TLS
     * handshake signed on the token, on this one event loop and the shared handshake pool: a burst
     * of distinct misses on a cold pool (48 for 16 core-system connections asking companies) put
     * all of them in progress together, so all finished late, past the calls' deadlines, and the
     * breaker opened (bench/RESULTS.md, the miss path with distinct subjects). A few at a time
     * finish in turn; each call past the limit waits for the first connection that is freed or
     * opened, as it would for a full pool.
     */
    static final int MAX_OPENING = 8;

    private final UpstreamSettings upstreamSettings;
    private final String upstream;
    private final PoolSettings settings;
    private final EventLoop loop;
    private final ChannelOpener opener;
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private final List<Channel> multiplexed = new ArrayList<>(2);
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final ChannelGroup all;
    private volatile int open;
    private int opening;
    private boolean closed;

    private static final class Waiter {
        final CompletableFuture<Channel> promise = new CompletableFuture<>();
        final Deadline deadline;
        ScheduledFuture<?> timer;

        Waiter(Deadline deadline) {
            this.deadline = deadline;
        }
    }

    ConnectionPool(UpstreamSettings upstreamSettings, EventLoop loop, ChannelOpener opener) {
        this.upstreamSettings = upstreamSettings;
        this.upstream = upstreamSettings.name();
        this.loop = loop;
        this.settings = upstreamSettings.pool();
        this.opener = opener;
        this.all = new DefaultChannelGroup(upstream, loop);
    }

    /** A connection for one exchange, completed on the event loop; call on the event loop. */
    CompletableFuture<Channel> acquire(Deadline deadline) {
        if (closed) {
            return CompletableFuture.failedFuture(
                    new UpstreamException(Code.CLOSED, upstream, Phase.POOL_WAIT, "the client is closed"));
        }
        Channel connection = withRoomForAStream();
        if (connection != null) {
            return Http2Streams.open(connection, upstreamSettings);
        }
        Channel channel;
        while ((channel = idle.pollFirst()) != null) {
            if (channel.isActive()) {
                return CompletableFuture.completedFuture(channel);
            }
        }
        if (open < settings.maxConnections() && opening < MAX_OPENING) {
            return connect(deadline).thenCompose(this::exchangeChannel);
        }
        if (waiters.size() >= settings.maxWaiting()) {
            return CompletableFuture.failedFuture(new UpstreamException(Code.POOL_EXHAUSTED, upstream,
                    Phase.POOL_WAIT, waiters.size() + " calls already wait for one of " + open
                            + " connections (expected: at most pool.maxWaiting " + settings.maxWaiting() + ")"));
        }
        Waiter waiter = new Waiter(deadline);
        waiter.timer = loop.schedule(() -> {
            if (waiters.remove(waiter)) {
                waiter.promise.completeExceptionally(UpstreamException.deadline(upstream, Phase.POOL_WAIT, deadline));
            }
        }, Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
        waiters.addLast(waiter);
        return waiter.promise;
    }

    /**
     * Returns a connection after an exchange; a connection that cannot carry another is closed.
     * An HTTP/2 stream is closed (it carried its one exchange), which frees room for a waiter.
     */
    void release(Channel channel, boolean reusable) {
        if (channel instanceof Http2StreamChannel) {
            channel.close();
            return;
        }
        if (!reusable || closed || !channel.isActive()) {
            channel.close();
            return;
        }
        Waiter waiter;
        while ((waiter = waiters.pollFirst()) != null) {
            if (waiter.promise.complete(channel)) {
                waiter.timer.cancel(false);
                return;
            }
        }
        idle.addFirst(channel);
    }

    /** Connections open or opening, for the gauge and for tests. */
    int open() {
        return open;
    }

    /** Fails every waiter and closes every connection; completes when all are closed. */
    ChannelGroupFuture close() {
        closed = true;
        Waiter waiter;
        while ((waiter = waiters.pollFirst()) != null) {
            waiter.timer.cancel(false);
            waiter.promise.completeExceptionally(
                    new UpstreamException(Code.CLOSED, upstream, Phase.POOL_WAIT, "the client is closed"));
        }
        idle.clear();
        multiplexed.clear();
        return all.close();
    }

    private CompletableFuture<Channel> connect(Deadline deadline) {
        open++;
        opening++;
        return opener.open(deadline).whenComplete((channel, error) -> {
            opening--;
            if (error != null) {
                open--;
                serveWaiters();
            } else {
                all.add(channel);
                channel.closeFuture().addListener(f -> onClosed(channel));
                if (closed) {
                    channel.close();
                } else if (ProtocolSelector.multiplexed(channel)) {
                    multiplexed.add(channel);
                    // Each closed stream makes room for a waiter; this sits between the codec and the
                    // multiplexer, which consumes the stream events.
                    channel.pipeline().addBefore(ProtocolSelector.H2_MULTIPLEX, STREAM_CLOSED, new StreamClosed());
                    serveWaiters();
                } else if (!waiters.isEmpty()) {
                    // This connection is its opener's; the room it made among the openings is a waiter's.
                    loop.execute(this::serveWaiters);
                }
            }
        });
    }

    /** For a caller that opened a connection: itself (HTTP/1.1) or a new stream on it (HTTP/2). */
    private CompletableFuture<Channel> exchangeChannel(Channel connection) {
        return ProtocolSelector.multiplexed(connection)
                ? Http2Streams.open(connection, upstreamSettings)
                : CompletableFuture.completedFuture(connection);
    }

    private Channel withRoomForAStream() {
        for (int i = 0; i < multiplexed.size(); i++) {
            Channel connection = multiplexed.get(i);
            if (Http2Streams.canOpen(connection)) {
                return connection;
            }
        }
        return null;
    }

    private void onClosed(Channel channel) {
        open--;
        idle.remove(channel);
        multiplexed.remove(channel);
        serveWaiters();
    }

    /** Sees HTTP/2 stream closures on the connection, each of which may make room for a waiter. */
    private final class StreamClosed extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof Http2FrameStreamEvent e && e.type() == Http2FrameStreamEvent.Type.State
                    && e.stream().state() == Http2Stream.State.CLOSED) {
                loop.execute(ConnectionPool.this::serveWaiters);
            }
            super.userEventTriggered(ctx, event);
        }
    }

    /** A stream or connection slot freed up: serve the longest-waiting callers still waiting. */
    private void serveWaiters() {
        Channel connection;
        while (!closed && !waiters.isEmpty() && (connection = withRoomForAStream()) != null) {
            Waiter waiter = waiters.pollFirst();
            if (waiter.promise.isDone()) {
                continue;
            }
            waiter.timer.cancel(false);
            Http2Streams.open(connection, upstreamSettings).whenComplete((stream, error) -> {
                if (error != null) {
                    waiter.promise.completeExceptionally(error);
                } else if (!waiter.promise.complete(stream)) {
                    stream.close();
                }
            });
        }
        while (!closed && open < settings.maxConnections() && opening < MAX_OPENING && !waiters.isEmpty()) {
            Waiter waiter = waiters.pollFirst();
            if (waiter.promise.isDone()) {
                continue;
            }
            waiter.timer.cancel(false);
            connect(waiter.deadline).thenCompose(this::exchangeChannel).whenComplete((channel, error) -> {
                if (error != null) {
                    waiter.promise.completeExceptionally(error);
                } else if (!waiter.promise.complete(channel)) {
                    release(channel, true);
                }
            });
        }
    }
}
