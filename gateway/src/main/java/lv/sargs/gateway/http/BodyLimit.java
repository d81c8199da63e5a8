package lv.sargs.gateway.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Collects a request into one message up to the body limit; a larger body (declared by
 * {@code Content-Length} or found while reading) is answered 413 problem+json and the connection
 * closed, instead of Netty's bare 413.
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
        if (HttpUtil.getContentLength(start, -1L) > maxContentLength) {
            // Returning nothing makes the aggregator treat it as oversized, which we answer with a problem.
            return null;
        }
        return super.newContinueResponse(start, maxContentLength, pipeline);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        exchanges.refuseOversized(ctx, oversized, limit);
    }
}
