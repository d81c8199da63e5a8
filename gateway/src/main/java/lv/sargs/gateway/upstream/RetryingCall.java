package lv.sargs.gateway.upstream;

import lv.sargs.gateway.upstream.core.UpstreamSettings;
import lv.sargs.gateway.upstream.core.UpstreamRequest;
import lv.sargs.gateway.upstream.core.UpstreamException;
import lv.sargs.gateway.upstream.core.Phase;
import lv.sargs.gateway.upstream.core.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import lv.sargs.gateway.upstream.core.UpstreamException.Code;
import lv.sargs.gateway.upstream.breaker.CircuitBreaker;
import lv.sargs.gateway.upstream.http.HttpResult;
import lv.sargs.gateway.upstream.http.HttpTransport;

/**
 * One logical call on the upstream's event loop: admission by the breaker, attempts over the
 * transport, retries of idempotent requests after resets, connect failures, 5xx and 429 while the
 * budget lasts, and the single report of the outcome to breaker, state and metrics.
 */
final class RetryingCall {

    private final UpstreamSettings settings;
    private final HttpTransport transport;
    private final CircuitBreaker breaker;
    private final StateTracker tracker;
    private final UpstreamMetrics metrics;
    private final Clock clock;
    private final ServerDateListener serverDates;
    private final UpstreamRequest request;
    private final Deadline deadline;
    private final CompletableFuture<UpstreamResponse> result;
    private final long startedNanos = System.nanoTime();
    private int attempt;
    private boolean rateLimited;

    RetryingCall(UpstreamSettings settings, HttpTransport transport, CircuitBreaker breaker, StateTracker tracker,
                 UpstreamMetrics metrics, Clock clock, UpstreamRequest request, Deadline deadline,
                 CompletableFuture<UpstreamResponse> result, ServerDateListener serverDates) {
        this.settings = settings;
        this.transport = transport;
        this.breaker = breaker;
        this.tracker = tracker;
        this.metrics = metrics;
        this.clock = clock;
        this.serverDates = serverDates;
        this.request = request;
        this.deadline = deadline;
        this.result = result;
    }

    void start() {
        if (deadline.expired()) {
            rejected(UpstreamException.deadline(settings.name(), Phase.ADMISSION, deadline));
            return;
        }
        if (!breaker.tryAcquire()) {
            rejected(new UpstreamException(Code.CIRCUIT_OPEN, settings.name(), Phase.ADMISSION,
                    "circuit breaker open after repeated failures; failing fast"));
            return;
        }
        attempt();
    }

    private void attempt() {
        attempt++;
        transport.exchange(request, deadline).whenComplete(this::onAttempt);
    }

    private void onAttempt(HttpResult response, Throwable error) {
        if (error == null && response.date() != null) {
            serverDates.serverDate(settings.name(), response.date());
        }
        if (error != null) {
            UpstreamException failure = unwrap(error);
            boolean transientFault = failure.code() == Code.CONNECTION_RESET || failure.code() == Code.CONNECT_FAILED;
            retryOrFail(failure, transientFault);
        } else if (response.status() == 429) {
            onRateLimited(response);
        } else if (response.status() >= 500) {
            retryOrFail(new UpstreamException(Code.SERVER_ERROR, settings.name(), Phase.RESPONSE,
                    "HTTP " + response.status() + " to " + request.method() + " " + request.path()), true);
        } else {
            finish(new UpstreamResponse(response.status(), response.contentType(), response.body()), null);
        }
    }

    private void onRateLimited(HttpResult response) {
        rateLimited = true;
        Duration wait = RetryAfter.parse(response.retryAfter(), clock);
        if (wait != null && request.idempotent() && attempt < settings.retry().maxAttempts()
                && wait.toNanos() < deadline.remainingNanos()) {
            retryAfter(wait.toNanos());
            return;
        }
        finish(null, UpstreamException.rateLimited(settings.name(), wait, deadline));
    }

    private void retryOrFail(UpstreamException failure, boolean retryable) {
        if (retryable && request.idempotent() && attempt < settings.retry().maxAttempts()) {
            long bound = settings.retry().backoffBoundNanos(attempt + 1);
            long wait = ThreadLocalRandom.current().nextLong(bound / 2, bound + 1);
            if (wait < deadline.remainingNanos()) {
                retryAfter(wait);
                return;
            }
        }
        finish(null, failure);
    }

    private void retryAfter(long nanos) {
        metrics.retried();
        transport.loop().schedule(this::attempt, nanos, TimeUnit.NANOSECONDS);
    }

    private void finish(UpstreamResponse response, UpstreamException failure) {
        if (failure == null || !failure.code().upstreamFault()) {
            breaker.onSuccess();
        } else {
            breaker.onFailure();
        }
        metrics.took(System.nanoTime() - startedNanos);
        if (failure == null) {
            metrics.succeeded();
        } else {
            metrics.failed(failure.code());
        }
        tracker.callFinished(breaker.state(), failure == null && attempt == 1 && !rateLimited, failure);
        if (failure == null) {
            result.complete(response);
        } else {
            result.completeExceptionally(failure);
        }
    }

    private void rejected(UpstreamException failure) {
        // Nothing reached the upstream: its state stays as the last real call left it.
        metrics.failed(failure.code());
        result.completeExceptionally(failure);
    }

    private UpstreamException unwrap(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof UpstreamException e) {
            return e;
        }
        return new UpstreamException(Code.CONNECTION_RESET, settings.name(), Phase.RESPONSE,
                "unexpected transport failure: " + cause, cause);
    }
}
