package lv.sargs.gateway.upstream.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lv.sargs.gateway.upstream.core.Deadline;
import lv.sargs.gateway.upstream.core.Phase;
import lv.sargs.gateway.upstream.core.UpstreamException;
import lv.sargs.gateway.upstream.core.UpstreamException.Code;

/**
 * Carries one request/response exchange at a time over its channel — an HTTP/1.1 connection (no
 * pipelining) or an HTTP/2 stream: completes it with the whole response, or fails it at the
 * deadline, on a reset or on a response that cannot be parsed, and then closes the channel, whose
 * state is unknown.
 */
final class ExchangeHandler extends SimpleChannelInboundHandler<FullHttpResponse> {

    static final String NAME = "exchange";

    private final String upstream;
    private ChannelHandlerContext ctx;
    private CompletableFuture<HttpResult> current;
    private ScheduledFuture<?> timer;
    private boolean headReceived;

    ExchangeHandler(String upstream) {
        this.upstream = upstream;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Sends {@code request}; the result completes on the event loop. Call on the event loop. */
    CompletableFuture<HttpResult> send(FullHttpRequest request, Deadline deadline) {
        CompletableFuture<HttpResult> result = new CompletableFuture<>();
        if (current != null) {
            request.release();
            result.completeExceptionally(new IllegalStateException("connection already carries an exchange"));
            return result;
        }
        long remaining = deadline.remainingNanos();
        if (remaining <= 0) {
            request.release();
            result.completeExceptionally(UpstreamException.deadline(upstream, Phase.RESPONSE, deadline));
            return result;
        }
        current = result;
        timer = ctx.executor().schedule(() -> fail(UpstreamException.deadline(upstream, Phase.RESPONSE, deadline)),
                remaining, TimeUnit.NANOSECONDS);
        ctx.writeAndFlush(request).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                fail(new UpstreamException(Code.CONNECTION_RESET, upstream, Phase.RESPONSE,
                        "cannot send the request: " + f.cause().getMessage(), f.cause()));
            }
        });
        return result;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
        if (current == null) {
            ctx.close();
            return;
        }
        if (response.decoderResult().isFailure()) {
            Throwable cause = response.decoderResult().cause();
            fail(new UpstreamException(Code.MALFORMED_RESPONSE, upstream, Phase.RESPONSE,
                    "unparseable or truncated HTTP response: " + cause.getMessage(), cause));
            return;
        }
        HttpResult result = new HttpResult(response.status().code(),
                response.headers().get(HttpHeaderNames.CONTENT_TYPE, ""),
                response.headers().get(HttpHeaderNames.RETRY_AFTER),
                ByteBufUtil.getBytes(response.content()),
                HttpUtil.isKeepAlive(response),
                response.headers().get(HttpHeaderNames.DATE));
        finish().complete(result);
    }

    /** The status line and headers of the current exchange's response arrived. */
    void headReceived() {
        headReceived = current != null;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        fail(interrupted("the connection closed", null));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(cause instanceof DecoderException
                ? new UpstreamException(Code.MALFORMED_RESPONSE, upstream, Phase.RESPONSE,
                        "unparseable HTTP response: " + cause.getMessage(), cause)
                : interrupted(String.valueOf(cause.getMessage()), cause));
    }

    /** After the head, a broken connection is a truncated response (not retried); before it, a reset (retried). */
    private UpstreamException interrupted(String why, Throwable cause) {
        return headReceived
                ? new UpstreamException(Code.MALFORMED_RESPONSE, upstream, Phase.RESPONSE,
                        "response truncated: " + why + " before the body was complete", cause)
                : new UpstreamException(Code.CONNECTION_RESET, upstream, Phase.RESPONSE,
                        why + " before the response arrived", cause);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent && current == null) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    /** Fails the exchange under way, if any, and discards the connection: its state is unknown. */
    private void fail(UpstreamException e) {
        if (current != null) {
            CompletableFuture<HttpResult> failed = finish();
            ctx.close();
            failed.completeExceptionally(e);
        } else {
            ctx.close();
        }
    }

    private CompletableFuture<HttpResult> finish() {
        CompletableFuture<HttpResult> done = current;
        current = null;
        headReceived = false;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        return done;
    }
}
