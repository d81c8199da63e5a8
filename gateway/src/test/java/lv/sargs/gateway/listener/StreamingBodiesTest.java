package lv.sargs.gateway.listener;

import static lv.sargs.gateway.listener.ListenerFixture.CORE_BANKING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import lv.sargs.gateway.http.BodyAbortedException;
import lv.sargs.gateway.http.Json;
import org.junit.jupiter.api.Test;

/**
 * A route declared with {@code postStreaming} reads its body as a stream, up to its own limit
 * (the fixture's {@code /v1/upload}: 256 KiB, far above the listener's maxBodySize of 1 KiB),
 * while every other route stays buffered up to maxBodySize.
 */
class StreamingBodiesTest {

    @Test
    void streamsABodyFarBeyondMaxBodySizeToAStreamingRoute() throws Exception {
        int size = 200 * 1024;
        try (ListenerFixture f = new ListenerFixture();
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
            client.write("POST /v1/upload HTTP/1.1\r\nHost: a\r\nContent-Length: " + size + "\r\n\r\n");
            for (int sent = 0; sent < size; sent += 8192) {
                client.write("x".repeat(8192));
            }
            TlsTestClient.Answer answer = client.read();
            assertEquals(200, answer.status(), answer.body());
            assertEquals("{\"bytes\":" + size + "}", answer.body());
            assertEquals((long) size, f.uploadOutcomes.poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void streamsAChunkedBodyToAStreamingRoute() throws Exception {
        try (ListenerFixture f = new ListenerFixture();
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
            client.write("POST /v1/upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n");
            String chunk = "y".repeat(4000);
            for (int i = 0; i < 10; i++) {
                client.write(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
            }
            client.write("0\r\n\r\n");
            TlsTestClient.Answer answer = client.read();
            assertEquals(200, answer.status(), answer.body());
            assertEquals("{\"bytes\":40000}", answer.body());
        }
    }

    @Test
    void streamsOverHttp2Too() throws Exception {
        try (ListenerFixture f = new ListenerFixture()) {
            Http2TestClient client = Http2TestClient.connect(f.address, CORE_BANKING, ListenerFixture.CA);
            try {
                TlsTestClient.Answer answer = client.post("/v1/upload", new byte[100 * 1024]);
                assertEquals(200, answer.status(), answer.body());
                assertEquals("{\"bytes\":102400}", answer.body());
                TlsTestClient.Answer buffered = client.post("/v1/echo", new byte[100]);
                assertEquals("{\"bytes\":100}", buffered.body());
            } finally {
                client.close();
            }
        }
    }

    @Test
    void refusesADeclaredLengthOverTheRouteLimitWith413NamingItsKey() throws Exception {
        try (ListenerFixture f = new ListenerFixture();
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
            TlsTestClient.Answer answer = client.send("POST /v1/upload HTTP/1.1\r\nHost: a\r\nContent-Length: "
                    + (ListenerFixture.UPLOAD_LIMIT + 1) + "\r\n\r\n");
            assertEquals(413, answer.status(), answer.body());
            assertEquals("application/problem+json", answer.header("content-type"));
            assertEquals("The request body exceeds this route's limit of 262144 bytes (configuration key"
                    + " test.maxUploadSize).", Json.MAPPER.readTree(answer.body()).get("detail").asText());
            assertTrue(client.closedByServer());
            assertTrue(f.uploadOutcomes.isEmpty(), "the handler never ran");
        }
    }

    @Test
    void refusesAChunkedBodyGrowingOverTheRouteLimitAndFailsTheReader() throws Exception {
        try (ListenerFixture f = new ListenerFixture();
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
            client.write("POST /v1/upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n");
            String chunk = "z".repeat(16 * 1024);
            for (int i = 0; i < 17; i++) {
                client.write(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
            }
            TlsTestClient.Answer answer = client.read();
            assertEquals(413, answer.status(), answer.body());
            assertTrue(Json.MAPPER.readTree(answer.body()).get("detail").asText().contains("test.maxUploadSize"));
            assertTrue(client.closedByServer());
            assertInstanceOf(BodyAbortedException.class, f.uploadOutcomes.poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void failsTheReaderWhenTheClientHangsUpHalfWay() throws Exception {
        try (ListenerFixture f = new ListenerFixture()) {
            try (TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
                client.write("POST /v1/upload HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\n" + "a".repeat(5000));
                ListenerFixture.eventually(() -> f.listener.inFlightRequests() == 1);
            }
            assertInstanceOf(BodyAbortedException.class, f.uploadOutcomes.poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void keepsOtherRoutesBufferedUpToMaxBodySize() throws Exception {
        try (ListenerFixture f = new ListenerFixture();
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
            TlsTestClient.Answer answer = client.send("POST /v1/echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5000\r\n\r\n"
                    + "x".repeat(5000));
            assertEquals(413, answer.status(), answer.body());
            assertEquals("The request body exceeds the gateway's limit of 1024 bytes.",
                    Json.MAPPER.readTree(answer.body()).get("detail").asText());
        }
    }
}
