package lv.sargs.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import lv.sargs.gateway.config.RequestDeadlines;

/**
 * Holds one HTTP/1.1 connection or HTTP/2 stream to {@link RequestDeadlines}: the head complete
 * within the header timeout of its first byte, the body at the minimum rate (once the header
 * timeout has passed since it began; time the gateway itself paused reading does not count) and
 * whole within the body timeout. A request that misses one is answered 408 if nothing answered it
 * yet, and its connection (or stream) is closed. One ticker per HTTP/1.1 connection, and per HTTP/2
 * stream only while a body arrives, so a request costs no timer of its own.
 */
public final class RequestPace {

    private enum Phase { WAITING, HEAD, BODY }

    private final ExchangeHandler exchanges;
    private final long headerNanos;
    private final long bodyNanos;
    private final long minRate;
    private final long tickNanos;
    private Phase phase = Phase.WAITING;
    private long since;
    private long bodyBytes;
    private HttpRequest head;
    private ChannelHandlerContext objects;
    private ScheduledFuture<?> ticker;
    /** HTTP/1.1: the ticker lives as long as the connection, so a request costs no timer of its own. */
    private boolean keepTicking;

    public RequestPace(ExchangeHandler exchanges, RequestDeadlines deadlines) {
        this.exchanges = exchanges;
        this.headerNanos = deadlines.headerTimeout().toNanos();
        this.bodyNanos = deadlines.bodyTimeout().toNanos();
        this.minRate = deadlines.minBodyRate();
        this.tickNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(50), Math.min(headerNanos / 4, TimeUnit.SECONDS.toNanos(1)));
    }

    /** The stage before the HTTP/1.1 codec: the first byte of a request starts its head's clock. */
    public ChannelHandler bytes() {
        keepTicking = true;
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (phase == Phase.WAITING && msg instanceof ByteBuf b && b.isReadable()) {
                    begin(ctx, Phase.HEAD);
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    /** The stage after the codec: a head ends the head's clock and starts the body's, the body's end stops it. */
    public ChannelHandler objects() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                objects = ctx;
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest h) {
                    if (msg instanceof LastHttpContent) {
                        phase = Phase.WAITING;
                    } else {
                        head = h;
                        bodyBytes = 0;
                        begin(ctx, Phase.BODY);
                    }
                } else if (msg instanceof HttpContent chunk) {
                    bodyBytes += chunk.content().readableBytes();
                    if (msg instanceof LastHttpContent) {
                        phase = Phase.WAITING;
                        head = null;
                    }
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                stop();
                ctx.fireChannelInactive();
            }

            @Override
            public void handlerRemoved(ChannelHandlerContext ctx) {
                stop();
            }
        };
    }

    private void begin(ChannelHandlerContext ctx, Phase next) {
        phase = next;
        since = System.nanoTime();
        if (ticker == null) {
            ticker = ctx.executor().scheduleAtFixedRate(this::tick, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void stop() {
        phase = Phase.WAITING;
        head = null;
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
    }

    private void tick() {
        if (objects == null || !objects.channel().isActive()) {
            stop();
            return;
        }
        long now = System.nanoTime();
        long elapsed = now - since;
        switch (phase) {
            case WAITING -> {
                if (!keepTicking) {
                    stop();
                }
            }
            case HEAD -> {
                if (elapsed > headerNanos) {
                    refuse("head", "The request's head did not arrive within " + millis(headerNanos)
                            + " ms of its first byte (configuration key listeners.client.deadlines.headerTimeout).");
                }
            }
            case BODY -> {
                if (!objects.channel().config().isAutoRead()) {
                    // The gateway paused reading (a consumer lagging): that time is not the client's.
                    since += tickNanos;
                    return;
                }
                if (elapsed > bodyNanos) {
                    refuse("body", "The request body did not arrive within " + millis(bodyNanos)
                            + " ms (configuration key listeners.client.deadlines.bodyTimeout).");
                } else if (elapsed > headerNanos && bodyBytes * 1_000_000_000L < minRate * elapsed) {
                    refuse("body", "The request body arrives slower than " + minRate + " bytes per second (" + bodyBytes
                            + " bytes in " + millis(elapsed) + " ms; configuration key listeners.client.deadlines.minBodyRate).");
                }
            }
        }
    }

    private void refuse(String phaseName, String detail) {
        HttpRequest refused = head;
        stop();
        exchanges.refuseSlow(objects, refused, phaseName, detail);
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
