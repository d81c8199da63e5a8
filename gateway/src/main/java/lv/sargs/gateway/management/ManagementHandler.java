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
 * Answers one management request at a time per connection, on the event loop: the read routes use
 * in-memory state only (the status model, the metrics registry), so nothing here blocks; the config
 * reload and the operators' actions ({@link OperatorRoutes}) run elsewhere and are written when done.
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
    private final OperatorRoutes operator;
    private final Drain drain;
    private final OperatorAccess access;

    ManagementHandler(Routes routes, OperatorRoutes operator, OperatorAccess access, Drain drain) {
        this.routes = routes;
        this.operator = operator;
        this.access = access;
        this.drain = drain;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        drain.inFlight.incrementAndGet();
        String requestId = RequestIds.fromOrNew(request.headers().get(HttpConstants.X_REQUEST_ID));
        String path = path(request.uri());
        boolean keepAlive = HttpUtil.isKeepAlive(request) && !drain.draining();
        String method = request.method().name();
        String uri = request.uri();
        if (!request.decoderResult().isFailure() && (Routes.RELOAD.equals(path) || Routes.SNAPSHOT.equals(path))) {
            guarded(ctx, request, path, requestId, keepAlive);
            return;
        }
        if (!request.decoderResult().isFailure() && OperatorRoutes.handles(path)) {
            java.util.concurrent.CompletableFuture<FullHttpResponse> pending;
            try {
                pending = operator.answer(ctx, request, path, requestId);
            } catch (IllegalArgumentException e) {
                // An alarm id with a broken %-escape.
                pending = java.util.concurrent.CompletableFuture.completedFuture(Problems.response(ctx.alloc(),
                        ProblemType.BAD_REQUEST, "The path " + path + " is not properly %-encoded.", requestId));
            }
            pending.whenComplete((response, error) -> {
                FullHttpResponse r = error == null ? response : Problems.response(ctx.alloc(),
                        ProblemType.INTERNAL_ERROR, "The operator action failed; the log has the cause.", requestId);
                if (error != null) {
                    Logger.error("management {} {} failed: {} ({})", method, uri, error.toString(), requestId);
                }
                r.headers().set(HttpConstants.X_REQUEST_ID, requestId);
                r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
                write(ctx, r, keepAlive, method, uri, requestId);
            });
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
            response = routes.answer(ctx.alloc(), path, requestId);
        }
        write(ctx, response, keepAlive, method, uri, requestId);
    }

    /**
     * The config reload and the backup snapshot: POST only, for an operator only (as the console's
     * actions, {@link OperatorAccess}), and answered once the work (off the event loop) ended.
     */
    private void guarded(ChannelHandlerContext ctx, FullHttpRequest request, String path, String requestId,
                         boolean keepAlive) {
        HttpMethod method = request.method();
        if (!HttpMethod.POST.equals(method)) {
            FullHttpResponse response = Problems.response(ctx.alloc(), ProblemType.METHOD_NOT_ALLOWED,
                    path + " answers POST only.", requestId);
            response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.POST.name());
            write(ctx, response, keepAlive, method.name(), path, requestId);
            return;
        }
        OperatorAccess.Verdict verdict = access.check(ctx, request.headers());
        if (verdict instanceof OperatorAccess.Refused r) {
            write(ctx, Problems.response(ctx.alloc(), r.declared() ? ProblemType.ROLE_REQUIRED
                    : ProblemType.CLIENT_NOT_DECLARED, r.detail(), requestId), keepAlive, method.name(), path, requestId);
            return;
        }
        String by = ((OperatorAccess.Operator) verdict).name();
        java.util.concurrent.CompletableFuture<FullHttpResponse> work = Routes.RELOAD.equals(path)
                ? routes.reload(ctx.alloc(), requestId) : routes.snapshot(ctx.alloc(), by, requestId);
        work.thenAccept(response -> ctx.executor().execute(
                () -> write(ctx, response, keepAlive, method.name(), path, requestId)));
    }

    private void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive, String method,
                       String uri, String requestId) {
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        Logger.debug("management {} {} -> {} ({})", method, uri, response.status().code(), requestId);
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
