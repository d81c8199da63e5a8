package lv.sargs.gateway.upstream.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.upstream.core.Deadline;
import lv.sargs.gateway.upstream.core.Phase;
import lv.sargs.gateway.upstream.core.UpstreamException;
import lv.sargs.gateway.upstream.core.UpstreamRequest;
import lv.sargs.gateway.upstream.core.UpstreamSettings;
import lv.sargs.hsm.Token;

/**
 * One upstream's transport over mutual TLS: sends one request over a pooled keep-alive HTTP/1.1
 * connection or a new stream of a shared HTTP/2 connection, within the deadline, and hands back the
 * raw response; retry and error policy live above it. Confined to one event loop: {@link #exchange}
 * must be called on {@link #loop()}.
 */
public final class HttpTransport {

    private static final String USER_AGENT = "sargs";

    private final UpstreamSettings settings;
    private final EventLoop loop;
    private final ConnectionPool pool;

    private HttpTransport(UpstreamSettings settings, EventLoop loop, ConnectionPool pool) {
        this.settings = settings;
        this.loop = loop;
        this.pool = pool;
    }

    /**
     * A transport for {@code settings} on {@code loop}; builds the TLS context with the client key
     * on {@code token}, so call it off any event loop (at start-up).
     *
     * @param blockingExecutor runs DNS lookups and TLS handshake tasks (the token's key operation)
     * @param handshakes counts successful handshakes, i.e. new connections
     * @param handshakeFailures counts failed handshakes
     */
    public static HttpTransport create(UpstreamSettings settings, Token token, EventLoop loop,
                                       Class<? extends Channel> channelType, Executor blockingExecutor,
                                       Metrics.Counter handshakes, Metrics.Counter handshakeFailures) {
        var opener = new ChannelOpener(settings, TlsContexts.forUpstream(settings, token), loop, channelType,
                blockingExecutor, handshakes, handshakeFailures);
        return new HttpTransport(settings, loop, new ConnectionPool(settings, loop, opener));
    }

    /** The event loop this transport is confined to. */
    public EventLoop loop() {
        return loop;
    }

    /** Sends {@code request} and completes, on the event loop, with the whole response or an UpstreamException. */
    public CompletableFuture<HttpResult> exchange(UpstreamRequest request, Deadline deadline) {
        return pool.acquire(deadline).thenCompose(channel -> send(channel, request, deadline));
    }

    private CompletableFuture<HttpResult> send(Channel channel, UpstreamRequest request, Deadline deadline) {
        ExchangeHandler handler = (ExchangeHandler) channel.pipeline().get(ExchangeHandler.NAME);
        if (handler == null) {
            // Closed after it was handed out: its pipeline is already torn down.
            pool.release(channel, false);
            return CompletableFuture.failedFuture(new UpstreamException(UpstreamException.Code.CONNECTION_RESET,
                    settings.name(), Phase.RESPONSE, "connection closed before the request was sent"));
        }
        return handler.send(toNetty(request), deadline)
                .whenComplete((result, error) -> pool.release(channel, error == null && result.keepAlive()));
    }

    /** Connections open or opening. */
    public int openConnections() {
        return pool.open();
    }

    /** Closes every connection; completes when all are closed. Call on the event loop. */
    public CompletableFuture<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pool.close().addListener(f -> done.complete(null));
        return done;
    }

    private FullHttpRequest toNetty(UpstreamRequest request) {
        var netty = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(request.method()),
                settings.pathPrefix() + request.path(), Unpooled.wrappedBuffer(request.body()));
        HttpHeaders headers = netty.headers();
        headers.set(HttpHeaderNames.HOST, settings.hostHeader());
        headers.set(HttpHeaderNames.USER_AGENT, USER_AGENT);
        for (UpstreamRequest.Header header : request.headers()) {
            headers.add(header.name(), header.value());
        }
        if (request.contentType() != null) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, request.contentType());
        }
        if (request.body().length > 0 || "POST".equals(request.method())) {
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, request.body().length);
        }
        return netty;
    }
}
