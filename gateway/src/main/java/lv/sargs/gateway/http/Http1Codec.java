package lv.sargs.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The server's HTTP/1.1 codec: Netty's request decoder and response encoder, as in
 * {@code HttpServerCodec}, except that a header line folded onto the previous one (obs-fold,
 * RFC 9112 §5.2) marks its request failed instead of being joined silently, so it is answered 400.
 * Netty unfolds such lines before any later stage could see them, hence the check on the bytes.
 */
public final class Http1Codec extends CombinedChannelDuplexHandler<Http1Codec.Decoder, Http1Codec.Encoder> {

    private static final RequestHeadRules.Broken OBS_FOLD = new RequestHeadRules.Broken(RequestHeadRules.Part.FRAMING,
            "A header line starts with whitespace (obs-fold; expected: each header on its own line, RFC 9112 §5.2).");

    /** Methods of the requests read and not yet answered, so a HEAD's answer goes out without a body. */
    private final ArrayDeque<HttpMethod> methods = new ArrayDeque<>();

    public Http1Codec(HttpDecoderConfig config) {
        init(new Decoder(config, methods), new Encoder(methods));
    }

    /** The request decoder, watching the head's raw bytes for folded lines. */
    static final class Decoder extends HttpRequestDecoder {
        private final ArrayDeque<HttpMethod> methods;
        private boolean inHead = true;
        private boolean headConsumed;
        private boolean folded;

        Decoder(HttpDecoderConfig config, ArrayDeque<HttpMethod> methods) {
            super(config);
            this.methods = methods;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
            int before = buffer.readerIndex();
            if (inHead && !folded) {
                folded = foldedLine(buffer, headConsumed);
            }
            int produced = out.size();
            super.decode(ctx, buffer, out);
            if (inHead && buffer.readerIndex() != before) {
                headConsumed = true;
            }
            for (int i = produced; i < out.size(); i++) {
                Object o = out.get(i);
                if (o instanceof HttpRequest head) {
                    methods.add(head.method());
                    if (folded) {
                        head.setDecoderResult(DecoderResult.failure(new MalformedRequestException(OBS_FOLD)));
                    }
                    inHead = false;
                    headConsumed = false;
                    folded = false;
                }
                if (o instanceof LastHttpContent) {
                    inHead = true;
                }
            }
        }

        /**
         * Whether the unread head bytes hold a line that starts with a space or tab before the blank line
         * that ends the head. The decoder consumes whole lines only, so the unread bytes start a line;
         * {@code afterLines} when lines of this head were read before (then a leading blank is a fold too).
         */
        private static boolean foldedLine(ByteBuf buffer, boolean afterLines) {
            boolean sawLine = afterLines;
            boolean lineStart = afterLines;
            boolean lineEmpty = true;
            for (int i = buffer.readerIndex(), end = buffer.writerIndex(); i < end; i++) {
                byte b = buffer.getByte(i);
                if (b == '\n') {
                    if (lineEmpty && sawLine) {
                        // The blank line ends the head; the body's bytes are not ours to judge.
                        return false;
                    }
                    lineStart = true;
                    lineEmpty = true;
                } else if (lineStart && sawLine && (b == ' ' || b == '\t')) {
                    return true;
                } else {
                    if (b != '\r') {
                        lineEmpty = false;
                        sawLine = true;
                    }
                    lineStart = false;
                }
            }
            return false;
        }
    }

    /**
     * The response encoder, leaving out the body of an answer to HEAD as {@code HttpServerCodec} does,
     * and passing on an {@link EncodedResponse} (a whole answer to a GET, already in this encoder's
     * format) as it is.
     */
    static final class Encoder extends HttpResponseEncoder {
        private final ArrayDeque<HttpMethod> methods;

        Encoder(ArrayDeque<HttpMethod> methods) {
            this.methods = methods;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof EncodedResponse encoded) {
                // Answers the oldest request read, as a response through the encoder would.
                methods.poll();
                ctx.write(encoded.content(), promise);
                return;
            }
            super.write(ctx, msg, promise);
        }

        @Override
        protected boolean isContentAlwaysEmpty(HttpResponse msg) {
            if (msg.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                return super.isContentAlwaysEmpty(msg);
            }
            HttpMethod method = methods.poll();
            return HttpMethod.HEAD.equals(method) || super.isContentAlwaysEmpty(msg);
        }
    }
}
