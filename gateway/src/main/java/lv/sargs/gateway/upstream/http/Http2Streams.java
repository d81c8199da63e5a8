package lv.sargs.gateway.upstream.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.CompletableFuture;
import lv.sargs.gateway.upstream.core.Phase;
import lv.sargs.gateway.upstream.core.UpstreamException;
import lv.sargs.gateway.upstream.core.UpstreamException.Code;
import lv.sargs.gateway.upstream.core.UpstreamSettings;

/**
 * HTTP/2 exchanges: one stream channel per exchange on a shared connection, whose pipeline turns
 * frames into the same HTTP objects the HTTP/1.1 path has, so one {@link ExchangeHandler} serves both.
 */
final class Http2Streams {

    static final String IDLE_CLOSER = "h2-idle-closer";
    static final String STREAM_CODEC = "h2-stream-codec";

    private Http2Streams() {
    }

    /** Whether another stream may be opened on {@code connection} now (active, no GOAWAY, under the peer's limit). */
    static boolean canOpen(Channel connection) {
        Http2FrameCodec codec = connection.pipeline().get(Http2FrameCodec.class);
        return codec != null && connection.isActive() && !codec.connection().goAwayReceived()
                && codec.connection().local().canOpenStream();
    }

    /** A new stream channel on {@code connection}, ready for one exchange; completes on the event loop. */
    static CompletableFuture<Channel> open(Channel connection, UpstreamSettings settings) {
        CompletableFuture<Channel> result = new CompletableFuture<>();
        new Http2StreamChannelBootstrap(connection)
                .handler(new ChannelInitializer<Http2StreamChannel>() {
                    @Override
                    protected void initChannel(Http2StreamChannel stream) {
                        ExchangeHandler exchange = new ExchangeHandler(settings.name());
                        stream.pipeline()
                                .addLast(STREAM_CODEC, new Http2StreamFrameToHttpObjectCodec(false))
                                .addLast(HeadObserver.NAME, new HeadObserver(exchange))
                                .addLast(ProtocolSelector.AGGREGATOR,
                                        new HttpObjectAggregator(settings.pool().maxResponseBytes()))
                                .addLast(ExchangeHandler.NAME, exchange);
                    }
                })
                .open()
                .addListener(f -> {
                    if (f.isSuccess()) {
                        result.complete((Channel) f.getNow());
                    } else {
                        result.completeExceptionally(new UpstreamException(Code.CONNECTION_RESET, settings.name(),
                                Phase.RESPONSE, "cannot open an HTTP/2 stream: " + f.cause().getMessage(), f.cause()));
                    }
                });
        return result;
    }

    /** Closes an HTTP/2 connection that stayed idle with no stream open. */
    static final class IdleCloser extends ChannelDuplexHandler {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof IdleStateEvent) {
                Http2FrameCodec codec = ctx.pipeline().get(Http2FrameCodec.class);
                if (codec == null || codec.connection().numActiveStreams() == 0) {
                    ctx.close();
                }
                return;
            }
            super.userEventTriggered(ctx, event);
        }
    }
}
