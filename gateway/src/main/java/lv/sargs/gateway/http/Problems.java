package lv.sargs.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import lv.sargs.gateway.problem.ProblemCode;

/**
 * Writes RFC 9457 {@code application/problem+json} answers: {@code type}, {@code title},
 * {@code status}, {@code detail} and {@code requestId}, the id also sent as {@code X-Request-Id}.
 * The detail is written as given: callers pass text meant for the client, never an exception
 * message or class name. The constant part of each type is encoded once, on first use; the body goes into a
 * buffer from the channel's (pooled) allocator.
 */
public final class Problems {

    private static final Map<ProblemCode, byte[]> PREFIXES = new ConcurrentHashMap<>();
    private static final byte[] REQUEST_ID = "\",\"requestId\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\"}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COMMA_QUOTE = ",\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] QUOTE_COLON = "\":".getBytes(StandardCharsets.US_ASCII);

    private Problems() {
    }

    private static byte[] prefix(ProblemCode type) {
        JsonStringEncoder json = JsonStringEncoder.getInstance();
        return ("{\"type\":\"" + type.uri() + "\",\"title\":\"" + new String(json.quoteAsString(type.title()))
                + "\",\"status\":" + type.httpStatus() + ",\"detail\":\"").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A complete response for {@code type}: status, body, {@code Content-Type}, {@code Content-Length},
     * {@code X-Request-Id}, and {@code Retry-After} on 503 and 429.
     */
    public static FullHttpResponse response(ByteBufAllocator alloc, ProblemCode type, String detail, String requestId) {
        return response(alloc, type, detail, requestId, Map.of());
    }

    /** As {@link #response(ByteBufAllocator, ProblemCode, String, String)}, with extension members after the standard ones. */
    public static FullHttpResponse response(ByteBufAllocator alloc, ProblemCode type, String detail, String requestId,
                                            Map<String, Object> members) {
        type = type.problem();
        ByteBuf body = alloc.buffer(256 + detail.length());
        writeBody(body, type, detail, requestId);
        if (!members.isEmpty()) {
            writeMembers(body, members);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(type.httpStatus()), body);
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, HttpConstants.APPLICATION_PROBLEM_JSON);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        headers.set(HttpConstants.X_REQUEST_ID, requestId);
        if (type.httpStatus() == HttpResponseStatus.SERVICE_UNAVAILABLE.code()
                || type.httpStatus() == HttpResponseStatus.TOO_MANY_REQUESTS.code()) {
            headers.set(HttpHeaderNames.RETRY_AFTER, HttpConstants.RETRY_AFTER_SECONDS);
        }
        return response;
    }

    /** Replaces the closing brace of a written body with {@code members} and closes it again. */
    private static void writeMembers(ByteBuf body, Map<String, Object> members) {
        body.writerIndex(body.writerIndex() - 1);
        JsonStringEncoder json = JsonStringEncoder.getInstance();
        try {
            for (Map.Entry<String, Object> m : members.entrySet()) {
                body.writeBytes(COMMA_QUOTE).writeBytes(json.quoteAsUTF8(m.getKey())).writeBytes(QUOTE_COLON);
                body.writeBytes(Json.MAPPER.writeValueAsBytes(m.getValue()));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem's members could not be encoded", e);
        }
        body.writeByte('}');
    }

    /** Appends the JSON body of a problem to {@code out}. */
    public static void writeBody(ByteBuf out, ProblemCode type, String detail, String requestId) {
        JsonStringEncoder json = JsonStringEncoder.getInstance();
        out.writeBytes(PREFIXES.computeIfAbsent(type.problem(), Problems::prefix));
        out.writeBytes(json.quoteAsUTF8(detail));
        out.writeBytes(REQUEST_ID);
        out.writeBytes(json.quoteAsUTF8(requestId));
        out.writeBytes(END);
    }
}
