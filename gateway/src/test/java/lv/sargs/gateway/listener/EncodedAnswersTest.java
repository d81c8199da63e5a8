package lv.sargs.gateway.listener;

import static lv.sargs.gateway.listener.ListenerFixture.CORE_BANKING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import lv.sargs.gateway.config.ClientConfig;
import lv.sargs.gateway.http.Access;
import lv.sargs.gateway.http.HttpConstants;
import lv.sargs.gateway.http.Response;
import org.junit.jupiter.api.Test;

/**
 * A route's 200 to an HTTP/1.1 GET is written straight into one buffer instead of through a header
 * map and Netty's encoder: the bytes a client reads must be exactly those the encoder writes for
 * the same answer (here a POST to the same route, which takes the encoder's path), in every
 * connection state, and a HEAD between GETs must still be answered without a body.
 */
class EncodedAnswersTest {

    private static final byte[] BODY = ("{\"name\":\"SIA Piemērs\",\"registrationNumber\":\"40003677732\","
            + "\"sections\":[1,2,3]}").getBytes(StandardCharsets.UTF_8);
    /** As a cached lookup answers: extra headers first, one of them a number. */
    private static final Response KEPT = Response.of(HttpResponseStatus.OK, HttpConstants.APPLICATION_JSON, BODY)
            .withHeaders(AsciiString.cached("Cache-Status"), "sargs; hit", HttpHeaderNames.AGE, 17L)
            .withCacheStatus("hit");

    private static ListenerFixture fixture() throws Exception {
        return new ListenerFixture(ClientConfig.NO_FEE_BUDGET, routes -> routes
                .get("/v1/kept", Access.ANY_CLIENT, request -> CompletableFuture.completedFuture(KEPT))
                .post("/v1/kept", Access.ANY_CLIENT, request -> CompletableFuture.completedFuture(KEPT))
                .route(HttpMethod.HEAD, "/v1/kept", Access.ANY_CLIENT, request -> CompletableFuture.completedFuture(KEPT)));
    }

    private static String request(String method, String version, String extra) {
        return method + " /v1/kept " + version + "\r\nHost: 127.0.0.1\r\nX-Request-Id: req-1\r\n" + extra
                + (method.equals("POST") ? "Content-Length: 0\r\n" : "") + "\r\n";
    }

    /** Sends {@code raw} and reads its answer's bytes as text. */
    private static String ask(TlsTestClient client, String raw, boolean head) throws java.io.IOException {
        client.write(raw);
        return text(client.readRaw(head));
    }

    private static String text(byte[] raw) {
        return new String(raw, StandardCharsets.UTF_8);
    }

    @Test
    void aGetsAnswerIsByteForByteWhatTheEncoderWritesForTheSameAnswer() throws Exception {
        try (ListenerFixture f = fixture();
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
            String get = ask(client, request("GET", "HTTP/1.1", ""), false);
            String post = ask(client, request("POST", "HTTP/1.1", ""), false);
            assertEquals(post, get);
            assertEquals("HTTP/1.1 200 OK\r\nCache-Status: sargs; hit\r\nage: 17\r\ncontent-type: application/json\r\n"
                    + "content-length: " + BODY.length + "\r\nx-request-id: req-1\r\n\r\n" + text(BODY), get);
        }
    }

    @Test
    void closingAndHttp10AnswersAreByteForByteTheEncodersToo() throws Exception {
        for (String[] variant : new String[][] {{"HTTP/1.1", "Connection: close\r\n"}, {"HTTP/1.0", ""},
                {"HTTP/1.0", "Connection: keep-alive\r\n"}}) {
            try (ListenerFixture f = fixture()) {
                String get;
                String post;
                try (TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
                    get = ask(client, request("GET", variant[0], variant[1]), false);
                }
                try (TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
                    post = ask(client, request("POST", variant[0], variant[1]), false);
                }
                assertEquals(post, get, variant[0] + " " + variant[1]);
                assertTrue(get.contains("\r\nconnection: "), get);
            }
        }
    }

    @Test
    void aHeadBetweenGetsIsAnsweredWithoutItsBody() throws Exception {
        try (ListenerFixture f = fixture();
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
            String first = ask(client, request("GET", "HTTP/1.1", ""), false);
            String head = ask(client, request("HEAD", "HTTP/1.1", ""), true);
            String second = ask(client, request("GET", "HTTP/1.1", ""), false);
            assertTrue(head.endsWith("\r\n\r\n") && head.contains("content-length: " + BODY.length + "\r\n"), head);
            // Nothing of the HEAD's body was sent: the next answer starts right after the HEAD's head.
            assertEquals(first, second);
        }
    }

    @Test
    void pipelinedGetsAreEachAnsweredWhole() throws Exception {
        try (ListenerFixture f = fixture();
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
            client.write(request("GET", "HTTP/1.1", "").repeat(3));
            for (int i = 0; i < 3; i++) {
                assertTrue(text(client.readRaw(false)).endsWith(text(BODY)));
            }
        }
    }
}
