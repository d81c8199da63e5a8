package lv.sargs.gateway.upstream;

import lv.sargs.gateway.upstream.core.UpstreamSettings;
import lv.sargs.gateway.upstream.core.UpstreamRequest;
import lv.sargs.gateway.upstream.core.UpstreamException;
import lv.sargs.gateway.upstream.core.Phase;
import lv.sargs.gateway.upstream.core.Deadline;
import io.netty.channel.EventLoop;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import lv.sargs.gateway.upstream.core.UpstreamException.Code;
import lv.sargs.gateway.upstream.breaker.CircuitBreaker;
import lv.sargs.gateway.upstream.http.HttpTransport;
import lv.sargs.hsm.Token;

/**
 * The gateway's client of one upstream: pooled keep-alive HTTP/1.1, or multiplexed HTTP/2 where the
 * upstream picks h2 by ALPN, over mutual TLS with the client key on the token, every call bounded by its {@link Deadline}, idempotent calls retried while the
 * budget lasts, a circuit breaker, and the upstream's state reported to a listener.
 *
 * <p>Results complete on the upstream's event loop: continue with non-blocking work only, or hop
 * to another executor.
 */
public final class UpstreamClient implements AutoCloseable {

    private final UpstreamSettings settings;
    private final HttpTransport transport;
    private final CircuitBreaker breaker;
    private final StateTracker tracker;
    private final UpstreamMetrics metrics;
    private final Clock clock;
    private final ServerDateListener serverDates;

    private UpstreamClient(UpstreamSettings settings, HttpTransport transport, CircuitBreaker breaker,
                           StateTracker tracker, UpstreamMetrics metrics, Clock clock,
                           ServerDateListener serverDates) {
        this.settings = settings;
        this.transport = transport;
        this.breaker = breaker;
        this.tracker = tracker;
        this.metrics = metrics;
        this.clock = clock;
        this.serverDates = serverDates;
    }

    /**
     * A client of the upstream {@code settings} describes, on one event loop of the runtime's group.
     * Builds the TLS context with the client key on {@code token}: call at start-up, off any event loop.
     *
     * @throws UpstreamException {@code CLIENT_KEY_FAILED} when the token has no such key or chain
     */
    public static UpstreamClient create(UpstreamSettings settings, Token token, UpstreamRuntime runtime,
                                        UpstreamStateListener listener) {
        UpstreamMetrics metrics = new UpstreamMetrics(runtime.metrics(), settings.name());
        EventLoop loop = runtime.group().next();
        HttpTransport transport = HttpTransport.create(settings, token, loop, runtime.channelType(),
                runtime.blockingExecutor(), metrics.handshakes, metrics.handshakeFailures);
        Clock clock = Clock.systemUTC();
        StateTracker tracker = new StateTracker(settings.name(), clock, listener);
        UpstreamClient client = new UpstreamClient(settings, transport,
                new CircuitBreaker(settings.breaker(), System::nanoTime), tracker, metrics, clock, runtime.serverDates());
        metrics.gauges(runtime.metrics(), settings.name(), transport::openConnections,
                () -> tracker.state().health().ordinal());
        return client;
    }

    /** The upstream's name. */
    public String name() {
        return settings.name();
    }

    /** The upstream's settings. */
    public UpstreamSettings settings() {
        return settings;
    }

    /**
     * Sends {@code request}; completes with any response but 5xx and 429, or fails with an
     * {@link UpstreamException} no later than {@code deadline} (plus scheduling slack).
     */
    public CompletableFuture<UpstreamResponse> call(UpstreamRequest request, Deadline deadline) {
        CompletableFuture<UpstreamResponse> result = new CompletableFuture<>();
        RetryingCall call = new RetryingCall(settings, transport, breaker, tracker, metrics, clock, request, deadline,
                result, serverDates);
        EventLoop loop = transport.loop();
        if (loop.inEventLoop()) {
            call.start();
        } else {
            try {
                loop.execute(call::start);
            } catch (RejectedExecutionException e) {
                result.completeExceptionally(
                        new UpstreamException(Code.CLOSED, settings.name(), Phase.ADMISSION, "the event loop is shut down"));
            }
        }
        return result;
    }

    /**
     * {@code work}, failed with {@code DEADLINE_EXCEEDED} in {@code phase} if it is not done by
     * {@code deadline} — for work done beside the HTTP call (signing on the token, waiting for a
     * shared token refresh). Completes on this upstream's event loop or the work's thread.
     */
    public <T> CompletableFuture<T> within(CompletableFuture<T> work, Deadline deadline, Phase phase) {
        if (work.isDone()) {
            return work;
        }
        CompletableFuture<T> bounded = new CompletableFuture<>();
        var timer = transport.loop().schedule(
                () -> bounded.completeExceptionally(UpstreamException.deadline(settings.name(), phase, deadline)),
                Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
        work.whenComplete((value, error) -> {
            timer.cancel(false);
            if (error != null) {
                bounded.completeExceptionally(error);
            } else {
                bounded.complete(value);
            }
        });
        return bounded;
    }

    /** The upstream's state as the last call left it. */
    public UpstreamState state() {
        return tracker.state();
    }

    /** Connections open or opening. */
    public int openConnections() {
        return transport.openConnections();
    }

    /** Closes every connection; the future completes once all are closed. */
    public CompletableFuture<Void> closeAsync() {
        try {
            return CompletableFuture.supplyAsync(transport::close, transport.loop()).thenCompose(f -> f);
        } catch (RejectedExecutionException e) {
            // The loop is gone, and its channels with it.
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Closes every connection and waits (at most 5 s) until they are; never call it on an event loop. */
    @Override
    public void close() {
        try {
            closeAsync().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            throw new UpstreamException(Code.CLOSED, settings.name(), Phase.ADMISSION,
                    "connections did not close within 5 s", e);
        }
    }
}
