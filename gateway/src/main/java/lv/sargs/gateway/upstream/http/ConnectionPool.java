package lv.sargs.gateway.upstream.http;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelGroupFuture;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lv.sargs.gateway.upstream.Deadline;
import lv.sargs.gateway.upstream.Phase;
import lv.sargs.gateway.upstream.PoolSettings;
import lv.sargs.gateway.upstream.UpstreamException;
import lv.sargs.gateway.upstream.UpstreamException.Code;

/**
 * The keep-alive connections of one upstream, confined to one event loop: hands out an idle
 * connection (most recently used first, so the rest can idle out), opens one while under
 * {@code maxConnections}, or queues the caller until a connection frees up or its deadline passes.
 */
final class ConnectionPool {

    private final String upstream;
    private final EventLoop loop;
    private final PoolSettings settings;
    private final ChannelOpener opener;
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final ChannelGroup all;
    private volatile int open;
    private boolean closed;

    private static final class Waiter {
        final CompletableFuture<Channel> promise = new CompletableFuture<>();
        final Deadline deadline;
        ScheduledFuture<?> timer;

        Waiter(Deadline deadline) {
            this.deadline = deadline;
        }
    }

    ConnectionPool(String upstream, EventLoop loop, PoolSettings settings, ChannelOpener opener) {
        this.upstream = upstream;
        this.loop = loop;
        this.settings = settings;
        this.opener = opener;
        this.all = new DefaultChannelGroup(upstream, loop);
    }

    /** A connection for one exchange, completed on the event loop; call on the event loop. */
    CompletableFuture<Channel> acquire(Deadline deadline) {
        if (closed) {
            return CompletableFuture.failedFuture(
                    new UpstreamException(Code.CLOSED, upstream, Phase.POOL_WAIT, "the client is closed"));
        }
        Channel channel;
        while ((channel = idle.pollFirst()) != null) {
            if (channel.isActive()) {
                return CompletableFuture.completedFuture(channel);
            }
        }
        if (open < settings.maxConnections()) {
            return connect(deadline);
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

    /** Returns a connection after an exchange; a connection that cannot carry another is closed. */
    void release(Channel channel, boolean reusable) {
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
        return all.close();
    }

    private CompletableFuture<Channel> connect(Deadline deadline) {
        open++;
        return opener.open(deadline).whenComplete((channel, error) -> {
            if (error != null) {
                open--;
                serveWaiters();
            } else {
                all.add(channel);
                channel.closeFuture().addListener(f -> onClosed(channel));
                if (closed) {
                    channel.close();
                }
            }
        });
    }

    private void onClosed(Channel channel) {
        open--;
        idle.remove(channel);
        serveWaiters();
    }

    /** A slot freed up: open a connection for the longest-waiting caller still waiting. */
    private void serveWaiters() {
        while (!closed && open < settings.maxConnections() && !waiters.isEmpty()) {
            Waiter waiter = waiters.pollFirst();
            if (waiter.promise.isDone()) {
                continue;
            }
            waiter.timer.cancel(false);
            connect(waiter.deadline).whenComplete((channel, error) -> {
                if (error != null) {
                    waiter.promise.completeExceptionally(error);
                } else if (!waiter.promise.complete(channel)) {
                    release(channel, true);
                }
            });
        }
    }
}
