package lv.sargs.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void writesRfc9457BodyWithRequestIdAndHeaders() throws Exception {
        FullHttpResponse r = Problems.response(ByteBufAllocator.DEFAULT, ProblemType.NOT_FOUND,
                "No route \"x\"\n\u0001 ā", "rid-1");
        try {
            assertEquals(404, r.status().code());
            assertEquals("application/problem+json", r.headers().get(HttpHeaderNames.CONTENT_TYPE));
            assertEquals("rid-1", r.headers().get(HttpConstants.X_REQUEST_ID));
            assertEquals(r.content().readableBytes(), r.headers().getInt(HttpHeaderNames.CONTENT_LENGTH));
            assertNull(r.headers().get(HttpHeaderNames.RETRY_AFTER));
            JsonNode body = Json.MAPPER.readTree(r.content().toString(StandardCharsets.UTF_8));
            assertEquals("https://sargs.lv/problems/not-found", body.get("type").asText());
            assertEquals("No such route", body.get("title").asText());
            assertEquals(404, body.get("status").asInt());
            assertEquals("No route \"x\"\n\u0001 ā", body.get("detail").asText());
            assertEquals("rid-1", body.get("requestId").asText());
        } finally {
            r.release();
        }
    }

    @Test
    void writesExtensionMembersAfterTheStandardOnes() throws Exception {
        ProblemException p = new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED, "2 problems",
                java.util.Map.of("problems", java.util.List.of(java.util.Map.of("line", 3, "text", "a\"b"))));
        FullHttpResponse r = Problems.response(ByteBufAllocator.DEFAULT, p.type(), p.detail(), "rid-2", p.members());
        try {
            assertEquals(422, r.status().code());
            assertEquals(r.content().readableBytes(), r.headers().getInt(HttpHeaderNames.CONTENT_LENGTH));
            JsonNode body = Json.MAPPER.readTree(r.content().toString(StandardCharsets.UTF_8));
            assertEquals("rid-2", body.get("requestId").asText());
            assertEquals(3, body.get("problems").get(0).get("line").asInt());
            assertEquals("a\"b", body.get("problems").get(0).get("text").asText());
        } finally {
            r.release();
        }
    }

    @Test
    void refusesAMemberThatWouldReplaceAStandardOne() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new ProblemException(
                ProblemType.BAD_REQUEST, "x", java.util.Map.of("status", 200)));
    }

    @Test
    void asksOverloadedClientsToRetryLater() {
        FullHttpResponse r = Problems.response(ByteBufAllocator.DEFAULT, ProblemType.OVERLOADED, "busy", "r");
        try {
            assertEquals("1", r.headers().get(HttpHeaderNames.RETRY_AFTER));
        } finally {
            r.release();
        }
    }
}
