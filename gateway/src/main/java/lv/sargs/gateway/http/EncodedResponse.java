package lv.sargs.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * A route's 200 to an HTTP/1.1 GET written straight into one buffer, head and body, byte for byte
 * as Netty's response encoder writes the same answer from a header map (status line, the route's
 * extra headers in order, {@code Content-Type}, {@code Content-Length}, {@code x-request-id}, then
 * {@code Connection} when given): no header map, header entries or value conversions per answer.
 * {@link Http1Codec} passes it on as it is. Answers it cannot write exactly so (another status, a
 * header name or value outside what the header map would accept) are left to the usual path.
 */
final class EncodedResponse extends DefaultByteBufHolder {

    private static final byte[] STATUS_LINE = "HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEPARATOR = {':', ' '};
    private static final byte[] CRLF = {'\r', '\n'};
    /** Room for the head beyond its headers' own characters (status line, separators, line ends, length). */
    private static final int HEAD_SLACK = 64;

    private EncodedResponse(ByteBuf content) {
        super(content);
    }

    /**
     * {@code r} encoded, or null when it must take the header-map path.
     *
     * @param connection the {@code Connection} header's value, or null for none
     */
    static EncodedResponse of(ByteBufAllocator alloc, Response r, String requestId, CharSequence connection) {
        if (!HttpResponseStatus.OK.equals(r.status()) || r.contentType() == null || !r.headersAreText()
                || !isFieldValue(requestId)) {
            return null;
        }
        byte[] body = r.body();
        int headChars = HEAD_SLACK + r.headersLength() + r.contentType().length() + requestId.length()
                + (connection == null ? 0 : connection.length() + 16);
        ByteBuf out = alloc.buffer(STATUS_LINE.length + headChars + body.length);
        out.writeBytes(STATUS_LINE);
        r.writeHeadersTo(out);
        header(out, HttpHeaderNames.CONTENT_TYPE, r.contentType());
        out.writeCharSequence(HttpHeaderNames.CONTENT_LENGTH, StandardCharsets.US_ASCII);
        out.writeBytes(SEPARATOR);
        writeDecimal(out, body.length);
        out.writeBytes(CRLF);
        header(out, HttpConstants.X_REQUEST_ID, requestId);
        if (connection != null) {
            header(out, HttpHeaderNames.CONNECTION, connection);
        }
        out.writeBytes(CRLF);
        out.writeBytes(body);
        return new EncodedResponse(out);
    }

    /** {@code name: value} and its line end, as Netty's header encoder writes it. */
    static void header(ByteBuf out, CharSequence name, CharSequence value) {
        out.writeCharSequence(name, StandardCharsets.US_ASCII);
        out.writeBytes(SEPARATOR);
        out.writeCharSequence(value, StandardCharsets.US_ASCII);
        out.writeBytes(CRLF);
    }

    /** {@code name: value} for a number, its digits written without a string in between. */
    static void header(ByteBuf out, CharSequence name, long value) {
        out.writeCharSequence(name, StandardCharsets.US_ASCII);
        out.writeBytes(SEPARATOR);
        writeDecimal(out, value);
        out.writeBytes(CRLF);
    }

    private static void writeDecimal(ByteBuf out, long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                out.writeCharSequence(Long.toString(value), StandardCharsets.US_ASCII);
                return;
            }
            out.writeByte('-');
            value = -value;
        }
        if (value >= 10) {
            writeDecimal(out, value / 10);
        }
        out.writeByte((int) ('0' + value % 10));
    }

    /**
     * A header name the header map accepts as it is: an RFC 9110 token. Anything else goes the usual
     * way, where the header map refuses it as it always has.
     */
    static boolean isToken(CharSequence s) {
        int n = s.length();
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A header value of visible ASCII, spaces and tabs, not starting or ending with whitespace. */
    static boolean isFieldValue(CharSequence s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || c > 0x7e) {
                return false;
            }
        }
        return n == 0 || (s.charAt(0) > ' ' && s.charAt(n - 1) > ' ');
    }

    @Override
    public EncodedResponse replace(ByteBuf content) {
        return new EncodedResponse(content);
    }
}
