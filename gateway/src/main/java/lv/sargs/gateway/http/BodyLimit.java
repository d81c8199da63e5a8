package lv.sargs.gateway.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Collects a request into one message up to the body limit; a larger body (declared by
 * {@code Content-Length} or found while reading), or a declared length past the bound of its
 * route's class ({@code listeners.client.bodyLimits}), is answered 413 problem+json naming the
 * bound and the connection closed, instead of Netty's bare 413.
 */
public final class BodyLimit extends HttpObjectAggregator {

    private final ExchangeHandler exchanges;
    private final long limit;

    /** @param maxBodyBytes the largest body accepted (at most {@link Integer#MAX_VALUE}) */
    public BodyLimit(long maxBodyBytes, ExchangeHandler exchanges) {
        super((int) Math.min(Integer.MAX_VALUE, maxBodyBytes));
        this.exchanges = exchanges;
        this.limit = maxBodyBytes;
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        if (isContentLengthInvalid(start, maxContentLength)) {
            // Returning nothing makes the aggregator treat it as oversized, which we answer with a problem.
            return null;
        }
        return super.newContinueResponse(start, maxContentLength, pipeline);
    }

    /** Past the listener's limit, or past the bound of the route's class when the body's length is declared. */
    @Override
    protected boolean isContentLengthInvalid(HttpMessage start, int maxContentLength) {
        long declared = declared(start);
        if (declared > maxContentLength) {
            return true;
        }
        long bound = declared > 0 && start instanceof HttpRequest r ? exchanges.bodyBound(r, limit) : -1;
        return bound >= 0 && declared > bound;
    }

    /** The declared body length; -1 when absent or not a number (the head check answers that one 400). */
    private static long declared(HttpMessage message) {
        try {
            return HttpUtil.getContentLength(message, -1L);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        long declared = declared(oversized);
        long bound = declared > 0 && oversized instanceof HttpRequest r ? exchanges.bodyBound(r, limit) : -1;
        if (bound >= 0 && declared > bound && declared <= limit) {
            exchanges.refuseOversized(ctx, oversized, exchanges.bodyBoundDetail((HttpRequest) oversized));
        } else {
            exchanges.refuseOversized(ctx, oversized, limit);
        }
    }
}
