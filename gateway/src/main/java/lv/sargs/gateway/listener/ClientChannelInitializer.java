package lv.sargs.gateway.listener;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import lv.sargs.gateway.admission.AllowListFilter;
import lv.sargs.gateway.admission.ClientRecognitionHandler;
import lv.sargs.gateway.admission.ConnectionsPerSourceLimit;
import lv.sargs.gateway.config.Limits;
import lv.sargs.gateway.config.RequestDeadlines;
import lv.sargs.gateway.http.BodyLimit;
import lv.sargs.gateway.http.ConnectionActivity;
import lv.sargs.gateway.http.ExchangeHandler;
import lv.sargs.gateway.http.HeadCheck;
import lv.sargs.gateway.http.Http1Codec;
import lv.sargs.gateway.http.Http2Codec;
import lv.sargs.gateway.http.IdleConnectionCloser;
import lv.sargs.gateway.http.RequestPace;
import lv.sargs.gateway.http.StreamingBodies;
import org.tinylog.Logger;

/**
 * The client listener's pipeline, top to bottom, in one place: admission on the bare socket,
 * TLS, client recognition, then HTTP/1.1 or HTTP/2 (chosen by ALPN) feeding one set of HTTP
 * stages. The stages after TLS are added once ALPN has chosen, by {@link #addHttp1} or
 * {@link #addHttp2} below.
 */
final class ClientChannelInitializer extends ChannelInitializer<Channel> {

    static final String ALLOW_LIST = "allow-list";
    static final String PER_SOURCE_LIMIT = "per-source-limit";
    static final String TLS = "tls";
    static final String CLIENT_RECOGNITION = "client-recognition";
    static final String PROTOCOL_SELECTION = "protocol-selection";
    static final String IDLE_STATE = "idle-state";
    static final String IDLE_CLOSER = "idle-closer";
    static final String PACE_BYTES = "pace-bytes";
    static final String PACE = "pace";
    static final String HTTP1_CODEC = "http1-codec";
    static final String HTTP2_CODEC = "http2-codec";
    static final String HTTP2_STREAMS = "http2-streams";
    static final String HTTP2_TO_HTTP = "http2-to-http";
    static final String HEAD_CHECK = "head-check";
    static final String STREAMING_BODIES = "streaming-bodies";
    static final String BODY_LIMIT = "body-limit";
    static final String EXCHANGE = "exchange";
    static final String CONNECTION_ERRORS = "connection-errors";

    /** The longest request line accepted (method, target, version); beyond it 414. */
    static final int MAX_REQUEST_LINE = 8192;

    private final ChannelGroup connections;
    /** Replaced whole by a reload; each new connection reads it once. */
    private volatile Admission admission;
    private final ConnectionsPerSourceLimit perSourceLimit;
    private final SslContext tls;
    private final Executor handshakeWork;
    private final ExchangeHandler exchange;
    private final Limits limits;
    private final RequestDeadlines deadlines;
    private final IdleConnectionCloser idleCloser = new IdleConnectionCloser();
    private final ConnectionErrors connectionErrors = new ConnectionErrors();
    private final ChannelInitializer<Http2StreamChannel> streams = new ChannelInitializer<>() {
        @Override
        protected void initChannel(Http2StreamChannel stream) {
            ChannelPipeline p = stream.pipeline();
            // HTTP/2 frames become the HTTP/1 objects the shared stages below understand.
            p.addLast(HTTP2_TO_HTTP, new Http2StreamFrameToHttpObjectCodec(true));
            // A stream's headers arrive whole; its body is held to the minimum rate and the body timeout.
            p.addLast(PACE, new RequestPace(exchange, deadlines).objects());
            // Right after decoding: a head that breaks HTTP's rules is marked for a 400 before any stage reads it.
            p.addLast(HEAD_CHECK, new HeadCheck(exchange));
            p.addLast(STREAMING_BODIES, new StreamingBodies(exchange));
            p.addLast(BODY_LIMIT, new BodyLimit(limits.maxBodyBytes(), exchange));
            p.addLast(EXCHANGE, exchange);
        }
    };

    ClientChannelInitializer(ChannelGroup connections, AllowListFilter allowList, ConnectionsPerSourceLimit perSourceLimit,
                             SslContext tls, Executor handshakeWork, ClientRecognitionHandler recognition,
                             ExchangeHandler exchange, Limits limits, RequestDeadlines deadlines) {
        this.connections = connections;
        this.admission = new Admission(allowList, recognition);
        this.perSourceLimit = perSourceLimit;
        this.tls = tls;
        this.handshakeWork = handshakeWork;
        this.exchange = exchange;
        this.limits = limits;
        this.deadlines = deadlines;
    }

    @Override
    protected void initChannel(Channel ch) {
        connections.add(ch);
        ConnectionActivity.attach(ch);
        // The handshake's CPU and token work (the server key signs on the HSM) runs off the event loop.
        SslHandler ssl = tls.newHandler(ch.alloc(), handshakeWork);
        ssl.setHandshakeTimeoutMillis(limits.handshakeTimeout().toMillis());
        ChannelPipeline p = ch.pipeline();
        Admission admission = this.admission;
        // First: decides on the source address alone, when the channel registers, before any read.
        p.addLast(ALLOW_LIST, admission.allowList());
        // After the allow-list, so a stranger never takes a slot from an allowed source.
        p.addLast(PER_SOURCE_LIMIT, perSourceLimit);
        // Only admitted sockets reach TLS; the handshake timeout cuts off a peer that stalls it.
        p.addLast(TLS, ssl);
        // Needs the finished handshake's client certificate; records the verdict the HTTP stages answer.
        p.addLast(CLIENT_RECOGNITION, admission.recognition());
        // ALPN's choice is known only after the handshake; it adds the HTTP stages below.
        p.addLast(PROTOCOL_SELECTION, new ProtocolSelection(this));
        // Last: whatever no stage handled closes the connection instead of reaching Netty's tail.
        p.addLast(CONNECTION_ERRORS, connectionErrors);
    }

    /** Who is admitted from now on: the allow-list and the declared clients, swapped together by a reload. */
    record Admission(AllowListFilter allowList, ClientRecognitionHandler recognition) {
    }

    /** Connections accepted from now on are admitted by {@code next}; open ones are the listener's to re-check. */
    void admit(Admission next) {
        this.admission = next;
    }

    /** HTTP/1.1 with keep-alive: idle closing, header and body limits, then the exchange. */
    void addHttp1(ChannelPipeline p) {
        addIdle(p);
        // Enforces the request-line and header limits; an oversized head reaches the exchange as a 431/414.
        RequestPace pace = new RequestPace(exchange, deadlines);
        // Before the codec: a request's first byte starts the clock its head must finish within.
        p.addBefore(CONNECTION_ERRORS, PACE_BYTES, pace.bytes());
        p.addBefore(CONNECTION_ERRORS, HTTP1_CODEC, new Http1Codec(new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_REQUEST_LINE)
                .setMaxHeaderSize(limits.maxHeaderBytes())));
        // After the codec: a head stops its clock and starts its body's (minimum rate, total bound).
        p.addBefore(CONNECTION_ERRORS, PACE, pace.objects());
        // Right after decoding: a head that breaks HTTP's rules is marked for a 400 before any stage reads it.
        p.addBefore(CONNECTION_ERRORS, HEAD_CHECK, new HeadCheck(exchange));
        // The few routes that stream their body take it here, with their own limit; the rest go on whole.
        p.addBefore(CONNECTION_ERRORS, STREAMING_BODIES, new StreamingBodies(exchange));
        // Whole requests only, up to the body limit (413 beyond it).
        p.addBefore(CONNECTION_ERRORS, BODY_LIMIT, new BodyLimit(limits.maxBodyBytes(), exchange));
        p.addBefore(CONNECTION_ERRORS, EXCHANGE, exchange);
    }

    /** HTTP/2: idle closing, the frame codec with the header limit, one child channel per stream. */
    void addHttp2(ChannelPipeline p) {
        ConnectionActivity.of(p.channel()).useHttp2();
        addIdle(p);
        // The header limit travels in SETTINGS; a stream over it is answered 431 problem+json by the codec.
        p.addBefore(CONNECTION_ERRORS, HTTP2_CODEC, Http2Codec.forServer(limits.maxHeaderBytes(), limits.maxRequestsInFlight()));
        // Each stream gets the same stages as an HTTP/1.1 connection, see the stream initializer above.
        p.addBefore(CONNECTION_ERRORS, HTTP2_STREAMS, new Http2MultiplexHandler(streams));
    }

    private void addIdle(ChannelPipeline p) {
        // Idleness is measured after the handshake: before it, the handshake timeout applies.
        p.addBefore(CONNECTION_ERRORS, IDLE_STATE, new IdleStateHandler(false, 0, 0,
                limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
        p.addBefore(CONNECTION_ERRORS, IDLE_CLOSER, idleCloser);
    }

    /** Closes a connection on an error no stage handled; a peer's reset is routine, anything else a warning. */
    @ChannelHandler.Sharable
    static final class ConnectionErrors extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof IOException || cause.getCause() instanceof SSLException) {
                Logger.debug("{}: {}", ctx.channel(), cause.getMessage());
            } else {
                Logger.warn(cause, "{}: closing after an unexpected error", ctx.channel());
            }
            ctx.close();
        }
    }
}
