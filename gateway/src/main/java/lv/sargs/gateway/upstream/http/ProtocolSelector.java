package lv.sargs.gateway.upstream.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import lv.sargs.gateway.upstream.core.UpstreamSettings;

/**
 * Completes a connection's pipeline once TLS has picked the protocol by ALPN: HTTP/1.1 (one
 * exchange at a time on the connection) or HTTP/2 (the frame codec and a multiplexer; exchanges run
 * on stream channels, see {@link Http2Streams}), then hands the connection over.
 */
final class ProtocolSelector extends ApplicationProtocolNegotiationHandler {

    static final String NAME = "protocol";
    static final String IDLE = "idle";
    static final String HTTP = "http";
    static final String AGGREGATOR = "aggregator";
    static final String H2 = "h2";
    static final String H2_MULTIPLEX = "h2-multiplex";

    /** Set on connections that speak HTTP/2. */
    static final AttributeKey<Boolean> MULTIPLEXED = AttributeKey.valueOf("sargs.upstream.h2");

    private final UpstreamSettings settings;
    private final Consumer<Channel> ready;

    ProtocolSelector(UpstreamSettings settings, Consumer<Channel> ready) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.settings = settings;
        this.ready = ready;
    }

    static boolean multiplexed(Channel channel) {
        return Boolean.TRUE.equals(channel.attr(MULTIPLEXED).get());
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        var pipeline = ctx.pipeline();
        // Closes a connection nobody used for idleTimeout (the exchange handler or the pool decides).
        pipeline.addLast(IDLE, new IdleStateHandler(0, 0, settings.pool().idleTimeout().toMillis(),
                TimeUnit.MILLISECONDS));
        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
            ctx.channel().attr(MULTIPLEXED).set(true);
            pipeline.addLast(Http2Streams.IDLE_CLOSER, new Http2Streams.IdleCloser())
                    .addLast(H2, Http2FrameCodecBuilder.forClient()
                            .initialSettings(Http2Settings.defaultSettings().pushEnabled(false))
                            .build())
                    .addLast(H2_MULTIPLEX, new Http2MultiplexHandler(new RefuseServerStreams()));
        } else {
            ExchangeHandler exchange = new ExchangeHandler(settings.name());
            pipeline.addLast(HTTP, new HttpClientCodec())
                    // Sees the response head before aggregation, so a close mid-body reads as truncation.
                    .addLast(HeadObserver.NAME, new HeadObserver(exchange))
                    // Whole responses only, bounded: an oversized one is a malformed response.
                    .addLast(AGGREGATOR, new HttpObjectAggregator(settings.pool().maxResponseBytes()))
                    .addLast(ExchangeHandler.NAME, exchange);
        }
        ready.accept(ctx.channel());
    }

    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
        // The opener reports the failure from the handshake future; nothing to log twice.
        ctx.close();
    }

    /** Server-initiated streams (push is disabled anyway) are closed at once. */
    private static final class RefuseServerStreams extends io.netty.channel.ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.close();
        }

        @Override
        public boolean isSharable() {
            return true;
        }
    }
}
