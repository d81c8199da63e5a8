package lv.sargs.gateway.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Sits before {@link BodyLimit} (one per HTTP/1.1 connection or HTTP/2 stream) and takes the
 * requests of streaming routes out of the aggregation: their head is served at once and their
 * body fed, chunk by chunk, to a {@link BodyStream} the route's handler reads on its own thread,
 * up to the route's own limit (413 naming it and its configuration key beyond). Every other
 * request passes untouched, buffered up to {@code maxBodySize} as before.
 *
 * <p>Why a bounded in-memory stream rather than a spool file: the body then never touches the
 * disk twice (the statistics service spools and checks it already), no file I/O runs on the event
 * loop, and the backpressure (reading paused while the consumer lags) is the transport's own, so
 * memory stays at one buffer per upload whatever the client sends.
 */
public final class StreamingBodies extends ChannelInboundHandlerAdapter {

    private enum State { PASSING, STREAMING, DISCARDING }

    private final ExchangeHandler exchanges;
    private State state = State.PASSING;
    private BodyStream body;
    private Exchange exchange;
    private Router.Streaming limit;
    private long received;

    public StreamingBodies(ExchangeHandler exchanges) {
        this.exchanges = exchanges;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        switch (state) {
            case PASSING -> {
                if (msg instanceof HttpRequest head && head.decoderResult().isSuccess()) {
                    Router.Route route = exchanges.streamingRoute(head);
                    if (route != null) {
                        start(ctx, head, route.streaming());
                        return;
                    }
                }
                ctx.fireChannelRead(msg);
            }
            case STREAMING -> {
                if (msg instanceof HttpContent chunk) {
                    feed(chunk);
                } else {
                    ReferenceCountUtil.release(msg);
                }
            }
            case DISCARDING -> {
                if (msg instanceof LastHttpContent) {
                    state = State.PASSING;
                }
                ReferenceCountUtil.release(msg);
            }
        }
    }

    private void start(ChannelHandlerContext ctx, HttpRequest head, Router.Streaming streaming) {
        if (HttpUtil.getContentLength(head, -1L) > streaming.maxBytes()) {
            exchanges.refuseOversized(ctx, head, ExchangeHandler.streamLimitDetail(streaming));
            discardRest(head);
            return;
        }
        if (HttpUtil.is100ContinueExpected(head)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
        }
        limit = streaming;
        received = 0;
        body = new BodyStream(ctx.channel());
        exchange = exchanges.serveStreaming(ctx, head, body);
        if (exchange == null) {
            body = null;
            discardRest(head);
            return;
        }
        state = State.STREAMING;
        if (head instanceof HttpContent content) {
            // A whole request in one message (an HTTP/2 stream of one frame or two): its body is all there is.
            feed(content);
        }
    }

    private void discardRest(HttpRequest head) {
        state = head instanceof LastHttpContent ? State.PASSING : State.DISCARDING;
        ReferenceCountUtil.release(head);
    }

    private void feed(HttpContent chunk) {
        boolean last = chunk instanceof LastHttpContent;
        if (chunk.decoderResult().isFailure()) {
            body.abort("malformed request body");
            exchange.problem(ProblemType.BAD_REQUEST, "The request body is not valid HTTP.");
            finish(last ? State.PASSING : State.DISCARDING);
            chunk.release();
            return;
        }
        received += chunk.content().readableBytes();
        if (received > limit.maxBytes()) {
            body.abort("over the limit of " + limit.maxBytes() + " bytes");
            exchange.problem(ProblemType.BODY_TOO_LARGE, ExchangeHandler.streamLimitDetail(limit));
            finish(last ? State.PASSING : State.DISCARDING);
            chunk.release();
            return;
        }
        body.offer(chunk.content());
        if (last) {
            body.end();
            finish(State.PASSING);
        }
    }

    private void finish(State next) {
        state = next;
        body = null;
        exchange = null;
        limit = null;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        abandon();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        abandon();
    }

    private void abandon() {
        if (state == State.STREAMING) {
            body.abort("the connection closed before the body's end");
            finish(State.DISCARDING);
        }
    }
}
