package lv.sargs.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;

/**
 * What a route answers: status, content type, body bytes (sent without copying), extra headers,
 * and the cache status the request log shows ({@code -} until a route sets it). Immutable;
 * {@code withX} returns a copy.
 */
public final class Response {

    private static final byte[] EMPTY = new byte[0];
    private static final Object[] NO_HEADERS = new Object[0];

    private final HttpResponseStatus status;
    private final AsciiString contentType;
    private final byte[] body;
    /** Extra headers as name, value, name, value…: a flat array, not a header map per answer. */
    private final Object[] headers;
    private final String cacheStatus;

    private Response(HttpResponseStatus status, AsciiString contentType, byte[] body, Object[] headers,
                     String cacheStatus) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.headers = headers;
        this.cacheStatus = cacheStatus;
    }

    /** {@code body} as is; the caller must not change the array afterwards. */
    public static Response of(HttpResponseStatus status, AsciiString contentType, byte[] body) {
        return new Response(status, contentType, body, NO_HEADERS, "-");
    }

    /** 200 with {@code value} serialised by the shared mapper (on the calling thread, not the event loop's if the route moved off it). */
    public static Response json(Object value) {
        return json(HttpResponseStatus.OK, value);
    }

    /** {@code status} with {@code value} serialised as JSON. */
    public static Response json(HttpResponseStatus status, Object value) {
        try {
            return of(status, HttpConstants.APPLICATION_JSON, Json.MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new ProblemException(ProblemType.INTERNAL_ERROR, "The answer could not be encoded.", e);
        }
    }

    /** A response without a body (e.g. 204). */
    public static Response empty(HttpResponseStatus status) {
        return new Response(status, null, EMPTY, NO_HEADERS, "-");
    }

    /** A copy with one more header. */
    public Response withHeader(CharSequence name, Object value) {
        Object[] more = java.util.Arrays.copyOf(headers, headers.length + 2);
        more[headers.length] = name;
        more[headers.length + 1] = value;
        return new Response(status, contentType, body, more, cacheStatus);
    }

    /** A copy with two more headers (one copy where two {@link #withHeader} calls would make two). */
    public Response withHeaders(CharSequence name1, Object value1, CharSequence name2, Object value2) {
        Object[] more = java.util.Arrays.copyOf(headers, headers.length + 4);
        more[headers.length] = name1;
        more[headers.length + 1] = value1;
        more[headers.length + 2] = name2;
        more[headers.length + 3] = value2;
        return new Response(status, contentType, body, more, cacheStatus);
    }

    /** A copy whose request-log cache status is {@code cacheStatus} (e.g. {@code hit}, {@code miss}, {@code stale}). */
    public Response withCacheStatus(String cacheStatus) {
        return new Response(status, contentType, body, headers, cacheStatus);
    }

    public HttpResponseStatus status() {
        return status;
    }

    /** The content type, or null without a body. */
    public AsciiString contentType() {
        return contentType;
    }

    /** The body; never modify it. */
    byte[] body() {
        return body;
    }

    /** Adds the extra headers, in the order they were given, to {@code out}. */
    void addHeadersTo(HttpHeaders out) {
        for (int i = 0; i < headers.length; i += 2) {
            out.add((CharSequence) headers[i], headers[i + 1]);
        }
    }

    /**
     * Whether every extra header is a token name with a value {@link EncodedResponse} can write as
     * the header map would: text or a number, of visible ASCII.
     */
    boolean headersAreText() {
        for (int i = 0; i < headers.length; i += 2) {
            Object value = headers[i + 1];
            if (!(headers[i] instanceof CharSequence name) || !EncodedResponse.isToken(name)) {
                return false;
            }
            if (!(value instanceof CharSequence text && EncodedResponse.isFieldValue(text))
                    && !(value instanceof Long || value instanceof Integer)) {
                return false;
            }
        }
        return true;
    }

    /** The characters of the extra headers' names and values, numbers counted at their longest. */
    int headersLength() {
        int n = 0;
        for (int i = 0; i < headers.length; i += 2) {
            n += ((CharSequence) headers[i]).length() + 4
                    + (headers[i + 1] instanceof CharSequence text ? text.length() : 20);
        }
        return n;
    }

    /** Writes the extra headers, each as {@code name: value} and a line end, as Netty's encoder would. */
    void writeHeadersTo(io.netty.buffer.ByteBuf out) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i + 1] instanceof CharSequence text) {
                EncodedResponse.header(out, (CharSequence) headers[i], text);
            } else {
                EncodedResponse.header(out, (CharSequence) headers[i], ((Number) headers[i + 1]).longValue());
            }
        }
    }

    public String cacheStatus() {
        return cacheStatus;
    }
}
