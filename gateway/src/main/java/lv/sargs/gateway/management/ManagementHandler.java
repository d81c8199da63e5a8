package lv.sargs.gateway.management;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.ReadTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import lv.sargs.gateway.http.HttpConstants;
import lv.sargs.gateway.http.ProblemType;
import lv.sargs.gateway.http.Problems;
import lv.sargs.gateway.http.RequestIds;
import org.tinylog.Logger;

/**
 * Answers one management request at a time per connection, on the event loop: every route reads
 * in-memory state only (the status model, the metrics registry), so nothing here blocks; the config
 * reload runs elsewhere and its answer is written when it ends.
 */
@ChannelHandler.Sharable
final class ManagementHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    /** Counts requests being answered, and once draining, asks every connection to close. */
    static final class Drain {
        private final AtomicInteger inFlight = new AtomicInteger();
        private volatile boolean draining;

        void start() {
            draining = true;
        }

        boolean draining() {
            return draining;
        }

        boolean awaitIdle(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (inFlight.get() > 0) {
                if (System.nanoTime() - deadline >= 0) {
                    return false;
                }
                TimeUnit.MILLISECONDS.sleep(10);
            }
            return true;
        }
    }

    private final Routes routes;
    private final Drain drain;

    ManagementHandler(Routes routes, Drain drain) {
        this.routes = routes;
        this.drain = drain;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        drain.inFlight.incrementAndGet();
        String requestId = RequestIds.fromOrNew(request.headers().get(HttpConstants.X_REQUEST_ID));
        boolean keepAlive = HttpUtil.isKeepAlive(request) && !drain.draining();
        if (!request.decoderResult().isFailure() && Routes.RELOAD.equals(path(request.uri()))) {
            reload(ctx, request.method(), requestId, keepAlive);
            return;
        }
        FullHttpResponse response;
        if (request.decoderResult().isFailure()) {
            response = Problems.response(ctx.alloc(), ProblemType.BAD_REQUEST, "The request could not be parsed.",
                    requestId);
        } else if (!HttpMethod.GET.equals(request.method())) {
            response = Problems.response(ctx.alloc(), ProblemType.METHOD_NOT_ALLOWED,
                    "The management routes answer GET only (and POST " + Routes.RELOAD + ").", requestId);
            response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.GET.name());
        } else {
            response = routes.answer(ctx.alloc(), path(request.uri()), requestId);
        }
        finish(ctx, request.method() + " " + request.uri(), requestId, keepAlive, response);
    }

    /** The one route that changes something: POST only, and answered once the reload (off the event loop) ended. */
    private void reload(ChannelHandlerContext ctx, HttpMethod method, String requestId, boolean keepAlive) {
        if (!HttpMethod.POST.equals(method)) {
            FullHttpResponse response = Problems.response(ctx.alloc(), ProblemType.METHOD_NOT_ALLOWED,
                    Routes.RELOAD + " answers POST only.", requestId);
            response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.POST.name());
            finish(ctx, method + " " + Routes.RELOAD, requestId, keepAlive, response);
            return;
        }
        routes.reload(ctx.alloc(), requestId).thenAccept(response -> ctx.executor().execute(
                () -> finish(ctx, method + " " + Routes.RELOAD, requestId, keepAlive, response)));
    }

    private void finish(ChannelHandlerContext ctx, String request, String requestId, boolean keepAlive,
                        FullHttpResponse response) {
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        Logger.debug("management {} -> {} ({})", request, response.status().code(), requestId);
        ctx.writeAndFlush(response).addListener((ChannelFutureListener) f -> {
            drain.inFlight.decrementAndGet();
            if (!keepAlive) {
                f.channel().close();
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof ReadTimeoutException)) {
            Logger.debug("management connection from {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }

    private static String path(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }
}
