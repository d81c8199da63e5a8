package lv.sargs.gateway.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameStreamException;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * Sits right after the HTTP codec (one per HTTP/1.1 connection or HTTP/2 stream) and holds every
 * request head to {@link RequestHeadRules}. A head that breaks one, or that the codec could not
 * read, goes on marked as failed with the rule it broke and without its framing headers (so no
 * later stage reads a bad {@code Content-Length}), and its body is dropped here: the exchange
 * answers it in turn, 400 naming the rule, and closes an HTTP/1.1 connection whose framing broke.
 * An HTTP/2 stream whose headers the frame codec refused is reset by it (RFC 9113 §8.1.1); here it
 * is only counted and logged, without a stack trace.
 */
public final class HeadCheck extends ChannelInboundHandlerAdapter {

    private static final RequestHeadRules.Broken UNREADABLE = new RequestHeadRules.Broken(RequestHeadRules.Part.FRAMING,
            "The request's framing could not be read (expected: HTTP/1.1 per RFC 9112).");

    private final ExchangeHandler exchanges;
    private boolean discarding;
    private boolean headSeen;

    public HeadCheck(ExchangeHandler exchanges) {
        this.exchanges = exchanges;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (discarding) {
            discarding = !(msg instanceof LastHttpContent);
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest head) {
            headSeen = true;
            RequestHeadRules.Broken broken = broken(ctx, head);
            if (broken != null) {
                head.setDecoderResult(DecoderResult.failure(new MalformedRequestException(broken)));
                head.headers().remove(HttpHeaderNames.CONTENT_LENGTH).remove(HttpHeaderNames.TRANSFER_ENCODING)
                        .remove(HttpHeaderNames.EXPECT);
                discarding = !(head instanceof LastHttpContent);
            }
        } else if (msg instanceof LastHttpContent) {
            headSeen = false;
        }
        ctx.fireChannelRead(msg);
    }

    private static RequestHeadRules.Broken broken(ChannelHandlerContext ctx, HttpRequest head) {
        DecoderResult decoded = head.decoderResult();
        if (decoded.cause() instanceof MalformedRequestException marked) {
            return marked.broken();
        }
        if (decoded.isFailure() && (decoded.cause() instanceof TooLongHttpHeaderException
                || decoded.cause() instanceof TooLongHttpLineException)) {
            // Answered 431/414 by the exchange; the head was cut short, so no rule can be read from it.
            return null;
        }
        RequestHeadRules.Broken broken = RequestHeadRules.check(head, ConnectionActivity.of(ctx.channel()).http2());
        return broken == null && decoded.isFailure() ? UNREADABLE : broken;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ctx.channel() instanceof Http2StreamChannel && !headSeen
                && (cause instanceof Http2FrameStreamException || cause instanceof Http2Exception)) {
            // The frame codec refused the stream's headers (e.g. a bad content-length) and resets the stream with
            // PROTOCOL_ERROR, as RFC 9113 §8.1.1 requires of a malformed request: counted and logged once, no trace.
            headSeen = true;
            exchanges.refusedHttp2Headers(ctx);
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
