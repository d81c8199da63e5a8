package lv.sargs.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import lv.sargs.gateway.admission.ClientVerdict;
import lv.sargs.gateway.logging.RateLimitedWarning;
import lv.sargs.gateway.config.BodyLimits;
import lv.sargs.gateway.admission.RecognizedClient;
import lv.sargs.gateway.admission.UnrecognizedClient;
import lv.sargs.gateway.metrics.Metrics;
import org.tinylog.Logger;

/**
 * The last stage for HTTP/1.1 connections and HTTP/2 streams alike: turns each complete request
 * into exactly one answer. In order: broken framing (431/414/400), the connection's client verdict
 * (403), shutdown (503), route and method (404/405), role (403), the in-flight bound (503), then
 * the route's handler under the request deadline (504), any unexpected failure being a bare 500.
 * HTTP/1.1 requests pipelined behind one in progress wait their turn, so answers keep their order.
 * A streaming route's request is served from its head instead ({@link StreamingBodies}), through
 * the same checks, its handler reading the body as it arrives.
 */
@ChannelHandler.Sharable
public final class ExchangeHandler extends ChannelInboundHandlerAdapter {

    private static final byte[] NO_BODY = new byte[0];

    private final Router router;
    private final InFlightRequests inFlight;
    private final long requestTimeoutNanos;
    private final BooleanSupplier shuttingDown;
    private final UploadsPerClient uploads;
    private final RequestRates rates;
    private final BodyLimits bodyLimits;
    private final Metrics.Counter rateLimited;
    private volatile RateLimitRefusals rateRefusals = RateLimitRefusals.NONE;
    private final RateLimitedWarning rateLine = new RateLimitedWarning(Duration.ofSeconds(10));
    private final ListenerMeters meters;

    /**
     * @param listener the listener's name in metrics
     * @param shuttingDown true once the listener drains: new requests are answered 503 and their connection closed
     */
    public ExchangeHandler(String listener, Router router, InFlightRequests inFlight, Duration requestTimeout,
                           BooleanSupplier shuttingDown, Metrics metrics) {
        this(listener, router, inFlight, requestTimeout, shuttingDown, metrics, Integer.MAX_VALUE, null);
    }

    /**
     * @param maxUploadsPerClient streamed uploads one client may have in progress; beyond it 429
     * @param rateLimit requests per client; beyond it 429 with Retry-After
     */
    public ExchangeHandler(String listener, Router router, InFlightRequests inFlight, Duration requestTimeout,
                           BooleanSupplier shuttingDown, Metrics metrics, int maxUploadsPerClient,
                           lv.sargs.gateway.config.ClientRateLimit rateLimit) {
        this(listener, router, inFlight, requestTimeout, shuttingDown, metrics, maxUploadsPerClient, rateLimit, null);
    }

    /**
     * @param bodyLimits the body bound of each class of buffered route; null leaves only the listener's
     */
    public ExchangeHandler(String listener, Router router, InFlightRequests inFlight, Duration requestTimeout,
                           BooleanSupplier shuttingDown, Metrics metrics, int maxUploadsPerClient,
                           lv.sargs.gateway.config.ClientRateLimit rateLimit, BodyLimits bodyLimits) {
        this.bodyLimits = bodyLimits;
        this.uploads = new UploadsPerClient(maxUploadsPerClient);
        this.rates = rateLimit == null ? null : new RequestRates(rateLimit, System::nanoTime);
        this.rateLimited = metrics.counter("sargs_http_rate_limited_total",
                "Requests answered 429 because their client was past listeners.client.rateLimit.",
                "listener=\"" + listener + "\"");
        this.router = router;
        this.inFlight = inFlight;
        this.requestTimeoutNanos = requestTimeout.toNanos();
        this.shuttingDown = shuttingDown;
        this.meters = new ListenerMeters(listener, metrics);
    }

    /** Tells {@code listener} of each request refused for its client's rate (the audit trail's tally). */
    public void onRateLimited(RateLimitRefusals listener) {
        this.rateRefusals = listener;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            // The aggregator before us passes only complete requests; anything else has no answer to get.
            ReferenceCountUtil.release(msg);
            return;
        }
        ConnectionActivity connection = ConnectionActivity.of(ctx.channel());
        if (!connection.http2() && connection.active() > 0) {
            // Pipelined: stop reading until the queue drains, and refuse to queue without bound.
            ctx.channel().config().setAutoRead(false);
            if (!connection.pipeline(request)) {
                request.release();
                Logger.debug("{}: more than {} pipelined requests, closing", ctx.channel(), ConnectionActivity.MAX_PIPELINED);
                ctx.close();
            }
            return;
        }
        serve(ctx, connection, request);
    }

    private void serve(ChannelHandlerContext ctx, ConnectionActivity connection, FullHttpRequest request) {
        Exchange exchange = begin(ctx, connection, request);
        try {
            dispatch(ctx, exchange, request);
        } catch (RuntimeException | Error e) {
            exchange.fail(e);
        } finally {
            request.release();
        }
    }

    private Exchange begin(ChannelHandlerContext ctx, ConnectionActivity connection, HttpRequest request) {
        connection.started();
        return new Exchange(this, ctx, connection, RequestIds.fromOrNew(request.headers().get(HttpConstants.X_REQUEST_ID)),
                request.method().name(), request.uri(), request.protocolVersion(), HttpUtil.isKeepAlive(request),
                System.nanoTime());
    }

    private void dispatch(ChannelHandlerContext ctx, Exchange exchange, FullHttpRequest request) {
        Admitted admitted = admit(ctx, exchange, request);
        if (admitted == null) {
            return;
        }
        Router.Route route = admitted.match().route();
        if (route.handler() == null) {
            // A streaming route is served by StreamingBodies before the aggregator; reaching here means it is missing.
            throw new IllegalStateException("streaming route " + route.pattern().template() + " reached the buffered path");
        }
        ByteBuf content = request.content();
        byte[] body = content.isReadable() ? ByteBufUtil.getBytes(content) : NO_BODY;
        CompletableFuture<Response> result = route.handler().handle(routed(request, admitted, body, exchange));
        await(exchange, route, result);
    }

    /** The route of {@code head} if it streams its body, else null (the request is buffered as usual). */
    Router.Route streamingRoute(HttpRequest head) {
        if (!router.streams(head.method())) {
            // Most requests (every GET): the route is matched once, by the exchange, not here as well.
            return null;
        }
        Router.Route route = router.match(head.method(), head.uri()).route();
        return route != null && route.streaming() != null ? route : null;
    }

    /**
     * Serves a streaming route's request as soon as its head has arrived (called by {@link StreamingBodies}):
     * the same checks as any request, then the handler with {@code body}, which is closed once the
     * handler is done. Null when the request cannot be served on this connection (then closed).
     */
    Exchange serveStreaming(ChannelHandlerContext ctx, HttpRequest head, BodyStream body) {
        ConnectionActivity connection = ConnectionActivity.of(ctx.channel());
        if (!connection.http2() && connection.active() > 0) {
            // Pipelining a streamed body behind another request would need it buffered: refuse by closing.
            Logger.debug("{}: a streamed request pipelined behind another, closing", ctx.channel());
            body.close();
            ctx.close();
            return null;
        }
        Exchange exchange = begin(ctx, connection, head);
        if (!connection.http2()) {
            // The answer may come before the body's end (a refusal, a 413): what is still on its way is not worth reading.
            exchange.closeAfter();
        }
        try {
            Admitted admitted = admit(ctx, exchange, head);
            if (admitted == null) {
                body.close();
                return exchange;
            }
            Router.Route route = admitted.match().route();
            String client = admitted.client().name();
            if (!uploads.tryStart(client)) {
                body.close();
                exchange.problem(ProblemType.TOO_MANY_REQUESTS, "Client \"" + client + "\" has " + uploads.limit()
                        + " uploads in progress already (configuration key listeners.client.deadlines.maxUploadsPerClient);"
                        + " send this one when one of them is answered.");
                return exchange;
            }
            CompletableFuture<Response> result;
            try {
                result = route.streaming().handler().handle(routed(head, admitted, NO_BODY, exchange), body);
            } catch (RuntimeException | Error e) {
                uploads.finish(client);
                throw e;
            }
            if (result == null) {
                uploads.finish(client);
                body.close();
                throw new IllegalStateException("route " + route.pattern().template() + " returned no future");
            }
            result.whenComplete((response, failure) -> {
                uploads.finish(client);
                body.close();
            });
            await(exchange, route, result);
        } catch (RuntimeException | Error e) {
            body.abort("the route failed");
            exchange.fail(e);
        }
        return exchange;
    }

    private void await(Exchange exchange, Router.Route route, CompletableFuture<Response> result) {
        if (result == null) {
            throw new IllegalStateException("route " + route.pattern().template() + " returned no future");
        }
        exchange.await(result, route.deadlineNanos() > 0 ? route.deadlineNanos() : requestTimeoutNanos);
    }

    private static Request routed(HttpRequest request, Admitted admitted, byte[] body, Exchange exchange) {
        Router.Route route = admitted.match().route();
        return new Request(request.method(), request.uri(), route.pattern().template(), route.pattern().paramNames(),
                admitted.match().params(), request.headers(), body, admitted.client(), exchange.requestId());
    }

    private record Admitted(Router.Match match, RecognizedClient client) {
    }

    /**
     * The route and client of a request that passed every check before its handler (framing, client,
     * shutdown, route, role, in-flight slot, which it then holds), or null after answering the refusal.
     */
    private Admitted admit(ChannelHandlerContext ctx, Exchange exchange, HttpRequest request) {
        DecoderResult decoded = request.decoderResult();
        if (decoded.isFailure()) {
            if (ClientVerdict.of(ctx.channel()) instanceof RecognizedClient known) {
                exchange.client(known.name());
            }
            if (!(decoded.cause() instanceof MalformedRequestException m && m.broken().part() != RequestHeadRules.Part.FRAMING)
                    && !ConnectionActivity.of(ctx.channel()).http2()) {
                // Where one request ends is unknown once its framing is broken; a bad path or header leaves it known.
                exchange.closeAfter();
            }
            answerBrokenFraming(exchange, decoded.cause());
            return null;
        }
        RecognizedClient client = admitted(ctx, exchange);
        if (client == null) {
            return null;
        }
        if (shuttingDown.getAsBoolean()) {
            exchange.closeAfter();
            exchange.problem(ProblemType.SHUTTING_DOWN, "The gateway is shutting down; retry shortly.");
            return null;
        }
        Router.Match match = router.match(request.method(), request.uri());
        Router.Route route = match.route();
        if (route == null) {
            if (match.allow() != null) {
                exchange.problem(ProblemType.METHOD_NOT_ALLOWED, "This route answers " + match.allow() + ".", match.allow());
            } else {
                exchange.problem(ProblemType.NOT_FOUND, "No route matches " + request.method().name() + " " + exchange.path() + ".");
            }
            return null;
        }
        exchange.route(route.pattern().template());
        if (!route.access().permits(client)) {
            exchange.problem(ProblemType.ROLE_REQUIRED, "Client \"" + client.name() + "\" lacks the role \""
                    + route.access().requiredRole() + "\" that " + route.method().name() + " " + route.pattern().template() + " requires.");
            return null;
        }
        if (request instanceof FullHttpRequest full && bodyLimits != null && route.bodyClass() != null
                && full.content().readableBytes() > route.bodyClass().bound(bodyLimits)) {
            // A body without a declared length, read whole (up to maxBodySize) before its route was known.
            exchange.problem(ProblemType.BODY_TOO_LARGE, bodyClassDetail(route.bodyClass()));
            return null;
        }
        if (rates != null && !rates.tryAcquire(client.name())) {
            rateLimited.increment();
            rateRefusals.refused(client.name(), exchange.requestId(), route.pattern().template());
            rateLine.warn("client={}: over its rate of {} requests per second (burst {}); answering 429",
                    client.name(), rates.limit().requestsPerSecond(), rates.limit().burst());
            exchange.problem(ProblemType.TOO_MANY_REQUESTS, "Client \"" + client.name() + "\" sends more than "
                    + rates.limit().requestsPerSecond() + " requests per second (burst " + rates.limit().burst()
                    + "; configuration key listeners.client.rateLimit); retry after the Retry-After delay.");
            return null;
        }
        if (!inFlight.tryAcquire()) {
            exchange.problem(ProblemType.OVERLOADED, "The gateway is serving its limit of " + inFlight.limit()
                    + " requests at once; retry after the Retry-After delay.");
            return null;
        }
        exchange.holdSlot(inFlight);
        return new Admitted(match, client);
    }

    /** The connection's recognised client, or null after answering the refusal (and closing). */
    private static RecognizedClient admitted(ChannelHandlerContext ctx, Exchange exchange) {
        ClientVerdict verdict = ClientVerdict.of(ctx.channel());
        if (verdict instanceof RecognizedClient client) {
            exchange.client(client.name());
            return client;
        }
        exchange.closeAfter();
        if (verdict instanceof UnrecognizedClient refused) {
            exchange.problem(refused.reason() == UnrecognizedClient.Reason.OUTSIDE_SOURCES
                    ? ProblemType.CLIENT_OUTSIDE_SOURCES : ProblemType.CLIENT_NOT_DECLARED, refused.detail());
        } else {
            // No verdict means the recognition stage is missing from the pipeline: refuse, never serve.
            exchange.problem(ProblemType.CLIENT_NOT_DECLARED, "The client could not be recognised.");
        }
        return null;
    }

    private void answerBrokenFraming(Exchange exchange, Throwable cause) {
        if (cause instanceof MalformedRequestException malformed) {
            RequestHeadRules.Broken broken = malformed.broken();
            meters.malformed(exchange.requestId(), exchange.clientName(), broken);
            exchange.problem(ProblemType.BAD_REQUEST, broken.detail());
        } else if (cause instanceof TooLongHttpHeaderException) {
            exchange.problem(ProblemType.HEADERS_TOO_LARGE, "The request headers exceed the gateway's limit.");
        } else if (cause instanceof TooLongHttpLineException) {
            exchange.problem(ProblemType.URI_TOO_LONG, "The request line exceeds the gateway's limit.");
        } else {
            exchange.problem(ProblemType.BAD_REQUEST, "The request is not valid HTTP.");
        }
    }

    /**
     * Answers a request that missed a {@link RequestPace} deadline 408 (when nothing answers it yet) and
     * closes its connection, or its stream over HTTP/2; {@code head} is null when not even the head arrived.
     */
    void refuseSlow(ChannelHandlerContext ctx, HttpRequest head, String phase, String detail) {
        String client = ClientVerdict.of(ctx.channel()) instanceof RecognizedClient known ? known.name() : "-";
        meters.slow(client, phase, detail);
        ConnectionActivity connection = ConnectionActivity.of(ctx.channel());
        boolean answering = head == null ? connection.active() == 0 : streamingRoute(head) == null;
        if (!answering) {
            // A streamed body's exchange is under way: closing aborts its body, and the route's answer cannot be sent.
            ctx.channel().close();
            return;
        }
        Exchange exchange = new Exchange(this, ctx, connection, RequestIds.next(), head == null ? "-" : head.method().name(),
                head == null ? "-" : head.uri(), io.netty.handler.codec.http.HttpVersion.HTTP_1_1, false, System.nanoTime());
        connection.started();
        exchange.client(client.equals("-") ? null : client);
        if (!connection.http2()) {
            exchange.closeAfter();
        }
        exchange.problem(ProblemType.REQUEST_TIMEOUT, detail);
        if (connection.http2()) {
            ctx.channel().close();
        }
    }

    /** Counts and logs (rate-limited) an HTTP/2 stream the frame codec reset for malformed headers. */
    void refusedHttp2Headers(ChannelHandlerContext ctx) {
        String client = ClientVerdict.of(ctx.channel()) instanceof RecognizedClient known ? known.name() : "-";
        meters.malformedHttp2Headers(client);
    }

    /** Answers a request whose body exceeds the limit (called by {@link BodyLimit}); the connection then closes. */
    void refuseOversized(ChannelHandlerContext ctx, HttpMessage message, long limit) {
        refuseOversized(ctx, message, "The request body exceeds the gateway's limit of " + limit + " bytes.");
    }

    /** Answers a streaming route's request whose declared length exceeds the route's own limit (called by {@link StreamingBodies}). */
    void refuseOversized(ChannelHandlerContext ctx, HttpMessage message, String detail) {
        if (!(message instanceof HttpRequest request)) {
            return;
        }
        Exchange exchange = begin(ctx, ConnectionActivity.of(ctx.channel()), request);
        exchange.closeAfter();
        if (admitted(ctx, exchange) != null) {
            exchange.problem(ProblemType.BODY_TOO_LARGE, detail);
        }
    }

    /**
     * The bound of the buffered route {@code head} is for, bytes, when it is below {@code listenerLimit};
     * -1 when the listener's own limit applies (no such route, or no classes configured).
     */
    long bodyBound(HttpRequest head, long listenerLimit) {
        if (bodyLimits == null) {
            return -1;
        }
        Router.Route route = router.match(head.method(), head.uri()).route();
        if (route == null || route.bodyClass() == null) {
            return -1;
        }
        long bound = route.bodyClass().bound(bodyLimits);
        return bound < listenerLimit ? bound : -1;
    }

    /** The 413 detail of a buffered route past its class's bound, for {@link BodyLimit}. */
    String bodyBoundDetail(HttpRequest head) {
        return bodyClassDetail(router.match(head.method(), head.uri()).route().bodyClass());
    }

    private String bodyClassDetail(BodyClass c) {
        return "The request body exceeds this route's limit of " + c.bound(bodyLimits) + " bytes (configuration key "
                + c.configKey() + ").";
    }

    /** The 413 detail of a streaming route: the limit and the configuration key that sets it. */
    static String streamLimitDetail(Router.Streaming streaming) {
        return "The request body exceeds this route's limit of " + streaming.maxBytes() + " bytes (configuration key "
                + streaming.limitKey() + ").";
    }

    /** Called once an answer is written: frees the connection for the next request, or closes it. */
    void answered(ChannelHandlerContext ctx, ConnectionActivity connection, boolean close) {
        connection.finished();
        if (close) {
            connection.connection().close();
            return;
        }
        if (!connection.http2()) {
            FullHttpRequest next = connection.nextPipelined();
            if (next != null) {
                serve(ctx, connection, next);
                return;
            }
            connection.connection().config().setAutoRead(true);
        }
        if (connection.draining() && connection.active() == 0) {
            connection.connection().close();
        }
    }

    boolean shuttingDown() {
        return shuttingDown.getAsBoolean();
    }

    void counted(int status) {
        meters.response(status);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            Logger.debug("{}: {}", ctx.channel(), cause.getMessage());
        } else {
            Logger.warn(cause, "{}: closing after an unexpected error", ctx.channel());
        }
        ctx.close();
    }
}
