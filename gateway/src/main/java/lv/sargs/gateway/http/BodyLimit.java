package lv.sargs.gateway.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Collects a request into one message up to the body limit; a larger body (declared by
 * {@code Content-Length} or found while reading), or a declared length past the bound of its
 * route's class ({@code listeners.client.bodyLimits}), is answered 413 problem+json naming the
 * bound and the connection closed, instead of Netty's bare 413. A body of undeclared length
 * (chunked) is held to its route's bound while it arrives: the chunk that crosses it ends the
 * request at once, the part collected is released and the rest of the body is discarded, rather
 * than collecting up to the listener's limit first. A request that cannot have a body (no
 * {@code Content-Length}, {@code Transfer-Encoding} or {@code Expect}: every GET a client sends)
 * goes on as one message sharing its head's headers, without the aggregator's composite buffer.
 */
public final class BodyLimit extends HttpObjectAggregator {

    /** The route's bound is looked up at the first body bytes of a body of undeclared length, not before. */
    private static final long NOT_LOOKED_UP = -2;

    private final ExchangeHandler exchanges;
    private final long limit;
    /** The request whose body of undeclared length is being collected; null otherwise. */
    private HttpRequest undeclared;
    /** Its route's bound below the listener's limit, -1 when only that limit applies, or {@link #NOT_LOOKED_UP}. */
    private long bound;
    private long received;
    /** The rest of a refused body is dropped up to its last chunk. */
    private boolean discarding;
    /** A bodiless request's head, until the empty end the decoder sends right after it. */
    private HttpRequest bodiless;

    /** @param maxBodyBytes the largest body accepted (at most {@link Integer#MAX_VALUE}) */
    public BodyLimit(long maxBodyBytes, ExchangeHandler exchanges) {
        super((int) Math.min(Integer.MAX_VALUE, maxBodyBytes));
        this.exchanges = exchanges;
        this.limit = maxBodyBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (bodiless != null) {
            HttpRequest head = bodiless;
            bodiless = null;
            if (msg instanceof LastHttpContent end && !end.content().isReadable() && end.trailingHeaders().isEmpty()
                    && end.decoderResult().isSuccess()) {
                end.release();
                // As the aggregator would have it: an explicit length of zero.
                head.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
                ctx.fireChannelRead(new DefaultFullHttpRequest(head.protocolVersion(), head.method(), head.uri(),
                        Unpooled.EMPTY_BUFFER, head.headers(), EmptyHttpHeaders.INSTANCE));
                return;
            }
            // Not the empty end a bodiless head is followed by: the aggregator judges both as it always has.
            collect(ctx, head);
        } else if (msg instanceof HttpRequest head && !(msg instanceof HttpContent) && bodiless(head)) {
            bodiless = head;
            return;
        }
        collect(ctx, msg);
    }

    /** A well-formed head that declares no body and expects no 100-continue. */
    private static boolean bodiless(HttpRequest head) {
        HttpHeaders headers = head.headers();
        return head.decoderResult().isSuccess() && !headers.contains(HttpHeaderNames.CONTENT_LENGTH)
                && !headers.contains(HttpHeaderNames.TRANSFER_ENCODING) && !headers.contains(HttpHeaderNames.EXPECT);
    }

    /** Hands {@code msg} to the aggregator, holding a body of undeclared length to its route's bound. */
    private void collect(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (discarding && msg instanceof HttpContent && !(msg instanceof HttpMessage)) {
            discarding = !(msg instanceof LastHttpContent);
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request && !(msg instanceof FullHttpMessage)) {
            // Bodiless requests (a GET's head and an empty last chunk) never reach the lookup below.
            undeclared = declared(request) < 0 && !(msg instanceof LastHttpContent) ? request : null;
            bound = NOT_LOOKED_UP;
            received = 0;
        } else if (undeclared != null && msg instanceof HttpContent chunk && !(msg instanceof HttpMessage)
                && overBound(chunk)) {
            HttpRequest refused = undeclared;
            undeclared = null;
            // Nothing of the body is kept: the part collected so far is freed before the answer.
            releaseCurrentMessage();
            discarding = !(msg instanceof LastHttpContent);
            ReferenceCountUtil.release(msg);
            exchanges.refuseOversized(ctx, refused, exchanges.bodyBoundDetail(refused));
            return;
        }
        if (msg instanceof LastHttpContent) {
            undeclared = null;
        }
        super.channelRead(ctx, msg);
    }

    /** Whether {@code chunk} takes the body of {@link #undeclared} past its route's bound. */
    private boolean overBound(HttpContent chunk) {
        int size = chunk.content().readableBytes();
        if (size == 0) {
            return false;
        }
        if (bound == NOT_LOOKED_UP) {
            bound = exchanges.bodyBound(undeclared, limit);
        }
        received += size;
        return bound >= 0 && received > bound;
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
