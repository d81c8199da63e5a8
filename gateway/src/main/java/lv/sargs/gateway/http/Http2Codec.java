package lv.sargs.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import lv.sargs.gateway.admission.ClientVerdict;
import lv.sargs.gateway.admission.RecognizedClient;

/**
 * The server's HTTP/2 frame codec: Netty's, advertising the header limit in SETTINGS, except that
 * a request whose headers exceed it gets the same 431 problem+json as over HTTP/1.1 instead of a
 * bare 431. (Headers beyond 1.25 times the limit end the connection with GOAWAY, as in Netty.)
 */
public final class Http2Codec {

    private static final String DETAIL = "The request headers exceed the gateway's limit.";

    private Http2Codec() {
    }

    /** A codec for one server connection. */
    public static Http2FrameCodec forServer(int maxHeaderBytes, int maxConcurrentStreams) {
        return new Builder()
                .initialSettings(Http2Settings.defaultSettings()
                        .maxHeaderListSize(maxHeaderBytes)
                        .maxConcurrentStreams(maxConcurrentStreams))
                .build();
    }

    private static final class Builder extends Http2FrameCodecBuilder {
        Builder() {
            server(true);
        }

        @Override
        protected Http2FrameCodec build(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder,
                                        Http2Settings initialSettings) {
            return new ProblemAnsweringCodec(encoder, decoder, initialSettings, decoupleCloseAndGoAway(), flushPreface());
        }
    }

    private static final class ProblemAnsweringCodec extends Http2FrameCodec {
        ProblemAnsweringCodec(Http2ConnectionEncoder encoder, Http2ConnectionDecoder decoder, Http2Settings settings,
                              boolean decoupleCloseAndGoAway, boolean flushPreface) {
            super(encoder, decoder, settings, decoupleCloseAndGoAway, flushPreface);
        }

        @Override
        protected void handleServerHeaderDecodeSizeError(ChannelHandlerContext ctx, Http2Stream stream) {
            String requestId = RequestIds.next();
            ByteBuf body = ctx.alloc().buffer(256);
            Problems.writeBody(body, ProblemType.HEADERS_TOO_LARGE, DETAIL, requestId);
            Http2Headers headers = new DefaultHttp2Headers()
                    .status(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.codeAsText())
                    .set(HttpHeaderNames.CONTENT_TYPE, HttpConstants.APPLICATION_PROBLEM_JSON)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                    .set(HttpConstants.X_REQUEST_ID, requestId);
            encoder().writeHeaders(ctx, stream.id(), headers, 0, false, ctx.newPromise());
            encoder().writeData(ctx, stream.id(), body, 0, true, ctx.newPromise());
            try {
                // Netty resets the stream right after this method; the body must be out before the RST_STREAM.
                encoder().flowController().writePendingBytes();
            } catch (Http2Exception e) {
                onError(ctx, true, e);
            }
            String client = ClientVerdict.of(ctx.channel()) instanceof RecognizedClient c ? c.name() : null;
            RequestLog.log(requestId, client, "-", "-", ProblemType.HEADERS_TOO_LARGE.status().code(), 0, "-");
        }
    }
}
