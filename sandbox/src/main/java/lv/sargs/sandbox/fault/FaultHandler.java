package lv.sargs.sandbox.fault;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Applies the plan in force for each request's endpoint: delays it, stalls it, resets the
 * connection, answers 5xx, or spoils the endpoint's answer on its way out. One instance per
 * channel; it sits after HTTP aggregation and before the endpoint, so every simulator gets the
 * same faults from the same code.
 */
public final class FaultHandler extends ChannelDuplexHandler {

    private static final byte[] GARBAGE = "\u0000<html><body>Bad Gateway".getBytes(StandardCharsets.UTF_8);

    private final Faults faults;
    private final Function<HttpRequest, String> endpointOf;
    private final SplittableRandom random = new SplittableRandom();
    private Fault pendingBodyFault = Fault.NONE;

    /** A handler drawing from {@code faults}; {@code endpointOf} names a request's endpoint. */
    public FaultHandler(Faults faults, Function<HttpRequest, String> endpointOf) {
        this.faults = faults;
        this.endpointOf = endpointOf;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        FaultPlan plan = faults.planFor(endpointOf.apply(request));
        if (plan.isNone()) {
            ctx.fireChannelRead(request);
            return;
        }
        Fault fault = plan.draw(random);
        long delay = plan.sampleLatencyNanos(random) + (fault == Fault.STALL ? plan.stallDuration().toNanos() : 0);
        if (delay <= 0) {
            apply(ctx, request, fault, plan);
            return;
        }
        // No further reads while this request waits, so answers keep the order of requests.
        ctx.channel().config().setAutoRead(false);
        ctx.executor().schedule(() -> {
            ctx.channel().config().setAutoRead(true);
            apply(ctx, request, fault, plan);
        }, delay, TimeUnit.NANOSECONDS);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (pendingBodyFault == Fault.NONE || !(msg instanceof FullHttpResponse response)) {
            ctx.write(msg, promise);
            return;
        }
        Fault fault = pendingBodyFault;
        pendingBodyFault = Fault.NONE;
        ByteBuf body = response.content();
        int half = body.readableBytes() / 2;
        if (fault == Fault.TRUNCATE) {
            // The header keeps announcing the full length; the peer sees the connection end early.
            ctx.writeAndFlush(response.replace(body.retainedSlice(body.readerIndex(), half)), promise)
                    .addListener(ChannelFutureListener.CLOSE);
            body.release();
            return;
        }
        ByteBuf spoiled = Unpooled.wrappedBuffer(body.retainedSlice(body.readerIndex(), half),
                Unpooled.wrappedBuffer(GARBAGE));
        FullHttpResponse out = response.replace(spoiled);
        out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, spoiled.readableBytes());
        body.release();
        ctx.write(out, promise);
    }

    private void apply(ChannelHandlerContext ctx, FullHttpRequest request, Fault fault, FaultPlan plan) {
        if (!ctx.channel().isActive()) {
            request.release();
            return;
        }
        switch (fault) {
            case RESET -> {
                request.release();
                ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                // Straight to the socket, past SslHandler: a close_notify first would turn the reset into a clean EOF.
                ctx.channel().unsafe().close(ctx.channel().voidPromise());
            }
            case ERROR -> {
                request.release();
                ctx.writeAndFlush(errorResponse(plan.errorStatus()));
            }
            case TRUNCATE, MALFORM -> {
                pendingBodyFault = fault;
                ctx.fireChannelRead(request);
            }
            default -> ctx.fireChannelRead(request);
        }
    }

    private static FullHttpResponse errorResponse(int status) {
        byte[] body = ("{\"fault\":{\"code\":101" + status + ",\"message\":\"Runtime Error\","
                + "\"description\":\"Simulated upstream fault (status " + status + ")\"}}")
                .getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return response;
    }
}
