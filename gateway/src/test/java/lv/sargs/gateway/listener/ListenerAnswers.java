package lv.sargs.gateway.listener;

import static lv.sargs.gateway.listener.ListenerFixture.CORE_BANKING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import lv.sargs.gateway.http.Json;

/** Reading what the listener answered in tests: problems, raw bytes, a ClientHello to replay. */
final class ListenerAnswers {

    private ListenerAnswers() {
    }

    static String post(String body) {
        return "POST /v1/echo HTTP/1.1\r\nHost: a\r\nContent-Type: text/plain\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body;
    }

    static void assertProblem(TlsTestClient.Answer answer, int status, String code) throws IOException {
        assertEquals(status, answer.status(), answer.body());
        assertEquals("application/problem+json", answer.header("content-type"));
        String requestId = answer.header("x-request-id");
        assertNotNull(requestId);
        JsonNode p = problem(answer);
        assertEquals("https://sargs.lv/problems/" + code, p.get("type").asText());
        assertEquals(status, p.get("status").asInt());
        assertFalse(p.get("title").asText().isEmpty());
        assertFalse(p.get("detail").asText().isEmpty());
        assertEquals(requestId, p.get("requestId").asText());
    }

    static JsonNode problem(TlsTestClient.Answer answer) throws IOException {
        return Json.MAPPER.readTree(answer.body());
    }

    /** A real ClientHello a declared client would send to this listener, as bytes to write on a plain socket. */
    static byte[] clientHello(ListenerFixture f) throws IOException {
        javax.net.ssl.SSLEngine engine = TlsTestClient.sslContext(CORE_BANKING, ListenerFixture.CA)
                .createSSLEngine("127.0.0.1", f.address.getPort());
        engine.setUseClientMode(true);
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(java.nio.ByteBuffer.allocate(0), out);
        out.flip();
        byte[] hello = new byte[out.remaining()];
        out.get(hello);
        return hello;
    }

    /** Reads until the server closes; returns how many bytes came. */
    static int readAll(InputStream in) throws IOException {
        int n = 0;
        try {
            while (in.read() >= 0) {
                n++;
            }
        } catch (java.net.SocketException reset) {
            // A reset is a close too.
        }
        return n;
    }
}
