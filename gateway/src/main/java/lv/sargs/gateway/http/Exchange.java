package lv.sargs.gateway.http;

import lv.sargs.gateway.text.ClientValues;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * One request from arrival to its single answer: writes exactly one response (route result,
 * problem, or timeout, whichever comes first), frees its in-flight slot, logs the request line
 * and moves the connection on (next pipelined request, keep-alive, or close). Confined to the
 * connection's event loop; results from other threads are handed back to it.
 */
final class Exchange {

    private static final String INTERNAL_DETAIL = "The gateway failed unexpectedly; the request id identifies the failure in its log.";

    private final ExchangeHandler handler;
    private final ChannelHandlerContext ctx;
    private final ConnectionActivity connection;
    private final String requestId;
    private final String method;
    private final String uri;
    private final HttpVersion version;
    private final boolean keepAlive;
    private final long startNanos;
    private String client;
    private String route;
    private boolean closeAfter;
    private InFlightRequests slot;
    private boolean answered;
    private ScheduledFuture<?> deadline;

    Exchange(ExchangeHandler handler, ChannelHandlerContext ctx, ConnectionActivity connection, String requestId,
             String method, String uri, HttpVersion version, boolean keepAlive, long startNanos) {
        this.handler = handler;
        this.ctx = ctx;
        this.connection = connection;
        this.requestId = requestId;
        this.method = method;
        this.uri = uri;
        this.version = version;
        this.keepAlive = keepAlive;
        this.startNanos = startNanos;
    }

    String requestId() {
        return requestId;
    }

    /** The path without the query, for 404 details and unmatched log lines. */
    String path() {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    void client(String name) {
        this.client = name;
    }

    /** The recognised client's name, or {@code -}. */
    String clientName() {
        return client == null ? "-" : client;
    }

    void route(String template) {
        this.route = template;
    }

    /** The connection closes after this answer (refused client, broken framing, shutdown). */
    void closeAfter() {
        this.closeAfter = true;
    }

    void holdSlot(InFlightRequests inFlight) {
        this.slot = inFlight;
    }

    /** Answers with the route's result, or a timeout problem if it is not there within {@code timeoutNanos}. */
    void await(CompletableFuture<Response> result, long timeoutNanos) {
        if (result.isDone()) {
            // Answered on the spot (e.g. a cache hit): no deadline timer to schedule and cancel.
            complete(result.getNow(null), failureOf(result));
            return;
        }
        deadline = ctx.executor().schedule(() -> problem(ProblemType.DEADLINE_EXCEEDED,
                "No answer within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms."), timeoutNanos, TimeUnit.NANOSECONDS);
        result.whenComplete((response, failure) -> {
            if (ctx.executor().inEventLoop()) {
                complete(response, failure);
            } else {
                ctx.executor().execute(() -> complete(response, failure));
            }
        });
    }

    private static Throwable failureOf(CompletableFuture<Response> done) {
        if (!done.isCompletedExceptionally()) {
            return null;
        }
        try {
            done.join();
            return new IllegalStateException("completed exceptionally without a cause");
        } catch (java.util.concurrent.CancellationException | CompletionException e) {
            return e;
        }
    }

    private void complete(Response response, Throwable failure) {
        if (answered) {
            return;
        }
        if (deadline != null) {
            deadline.cancel(false);
        }
        if (failure != null) {
            fail(failure);
        } else if (response == null) {
            fail(new IllegalStateException("route " + route + " completed without a response"));
        } else {
            respond(response);
        }
    }

    /** Answers a route's failure: its problem if it has one, else 500 with only the request id. */
    void fail(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ProblemException p) {
            if (p.getCause() != null) {
                Logger.warn(p.getCause(), "req={} {} {}: {}", requestId, method, route != null ? route : path(),
                        ClientValues.forText(p.detail()));
            }
            FullHttpResponse response = Problems.response(ctx.alloc(), p.type(), p.detail(), requestId, p.members());
            if (p.retryAfterSeconds() >= 0) {
                response.headers().set(HttpHeaderNames.RETRY_AFTER, p.retryAfterSeconds());
            }
            answer(response, null);
        } else {
            Logger.error(cause, "req={} {} {} failed", requestId, method, route != null ? route : path());
            problem(ProblemType.INTERNAL_ERROR, INTERNAL_DETAIL);
        }
    }

    void problem(ProblemType type, String detail) {
        problem(type, detail, null);
    }

    /** Answers {@code type}; {@code allow} is the {@code Allow} header of a 405. */
    void problem(ProblemType type, String detail, String allow) {
        if (answered) {
            return;
        }
        answer(Problems.response(ctx.alloc(), type, detail, requestId), allow);
    }

    private void answer(FullHttpResponse response, String allow) {
        if (answered) {
            response.release();
            return;
        }
        if (allow != null) {
            response.headers().set(HttpHeaderNames.ALLOW, allow);
        }
        send(response, "-");
    }

    private void respond(Response r) {
        if (!connection.http2() && "GET".equals(method)) {
            boolean close = closing(false);
            EncodedResponse encoded = EncodedResponse.of(ctx.alloc(), r, requestId, connectionHeader(close));
            if (encoded != null) {
                write(encoded, close, r.status().code(), r.cacheStatus());
                return;
            }
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, r.status(),
                Unpooled.wrappedBuffer(r.body()));
        HttpHeaders headers = response.headers();
        r.addHeadersTo(headers);
        if (r.contentType() != null) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        }
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        headers.set(HttpConstants.X_REQUEST_ID, requestId);
        send(response, r.cacheStatus());
    }

    private void send(FullHttpResponse response, String cacheStatus) {
        boolean http2 = connection.http2();
        boolean close = closing(http2);
        CharSequence connectionHeader = http2 ? null : connectionHeader(close);
        if (connectionHeader != null) {
            response.headers().set(HttpHeaderNames.CONNECTION, connectionHeader);
        }
        write(response, close, response.status().code(), cacheStatus);
    }

    /** Whether the connection closes after this answer; the listener-wide flag too, as this connection's own drain may not have run yet. */
    private boolean closing(boolean http2) {
        return closeAfter || (!http2 && (!keepAlive || connection.draining() || handler.shuttingDown()));
    }

    /** The HTTP/1.x {@code Connection} header this answer carries, or null for none. */
    private CharSequence connectionHeader(boolean close) {
        if (close) {
            return HttpHeaderValues.CLOSE;
        }
        return version.equals(HttpVersion.HTTP_1_0) ? HttpHeaderValues.KEEP_ALIVE : null;
    }

    private void write(Object response, boolean close, int status, String cacheStatus) {
        answered = true;
        if (deadline != null) {
            deadline.cancel(false);
        }
        if (slot != null) {
            // Freed before the write, so a client that reads this answer finds the slot free again.
            slot.release();
        }
        ChannelFuture written = ctx.writeAndFlush(response);
        RequestLog.log(requestId, client, method, route != null ? route : path(), status,
                System.nanoTime() - startNanos, cacheStatus);
        handler.counted(status);
        written.addListener(f -> handler.answered(ctx, connection, close || !f.isSuccess()));
    }
}
