package lv.sargs.gateway.listener;

import static lv.sargs.gateway.listener.ListenerFixture.CORE_BANKING;
import static lv.sargs.gateway.listener.ListenerFixture.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Malformed framing and lenient-HTTP cases (issue 16 items 1 and 6) each get a 400 problem that
 * names what was wrong, counted by reason; an HTTP/1.1 connection whose framing broke is closed.
 */
class MalformedRequestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"1x", "3, 3", "99999999999999999999999", "-1", "3\r\nContent-Length: 4"})
    void answersBrokenContentLengthWith400Problem(String contentLength) throws Exception {
        try (ListenerFixture f = new ListenerFixture();
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
            TlsTestClient.Answer answer = client.send("POST /v1/echo HTTP/1.1\r\nHost: a\r\nContent-Length: "
                    + contentLength + "\r\n\r\nabc");
            ListenerAnswers.assertProblem(answer, 400, "bad-request");
            assertTrue(ListenerAnswers.problem(answer).get("detail").asText().contains("Content-Length"),
                    answer.body());
            assertTrue(client.closedByServer());
            eventually(() -> f.metric("sargs_http_malformed_total{listener=\"client\",reason=\"framing\"}") == 1);
        }
    }

    @Test
    void answersBadPercentEscapeInPathWith400Problem() throws Exception {
        try (ListenerFixture f = new ListenerFixture();
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
            TlsTestClient.Answer answer = client.get("/v1/companies/%zz");
            ListenerAnswers.assertProblem(answer, 400, "bad-request");
            assertTrue(ListenerAnswers.problem(answer).get("detail").asText().contains("percent"), answer.body());
            eventually(() -> f.metric("sargs_http_malformed_total{listener=\"client\",reason=\"path\"}") == 1);
            assertEquals(200, client.get("/v1/whoami").status(), "the connection goes on");
        }
    }

    @Test
    void answersBadPercentEscapeOverHttp2With400Problem() throws Exception {
        try (ListenerFixture f = new ListenerFixture();
             Http2TestClient client = Http2TestClient.connect(f.address, CORE_BANKING, ListenerFixture.CA)) {
            ListenerAnswers.assertProblem(client.get("/v1/companies/%zz"), 400, "bad-request");
            ListenerAnswers.assertProblem(client.get("/v1/companies/%e"), 400, "bad-request");
            assertEquals(200, client.get("/v1/whoami").status(), "the connection goes on");
        }
    }

    @Test
    void resetsStreamWithBrokenContentLengthOverHttp2AndCountsIt() throws Exception {
        try (ListenerFixture f = new ListenerFixture();
             Http2TestClient client = Http2TestClient.connect(f.address, CORE_BANKING, ListenerFixture.CA)) {
            // RFC 9113 §8.1.1: a malformed request is a stream error of type PROTOCOL_ERROR, answered by a reset.
            assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> client.post("/v1/echo", "abc".getBytes(), Map.of("content-length", "1x")));
            eventually(() -> f.metric("sargs_http_malformed_total{listener=\"client\",reason=\"framing\"}") == 1);
            assertEquals(200, client.get("/v1/whoami").status(), "the connection goes on");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "GET /v1/whoami HTTP/1.1\r\n\r\n",
            "GET /v1/whoami HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
            "GET /v1/whoami HTTP/1.1\r\nHost: a, b\r\n\r\n",
            "GET /v1/whoami HTTP/9.9\r\nHost: a\r\n\r\n",
            "GET /v1/whoami HTTP/1.1\r\nHost: a\r\nX-Folded: one\r\n two\r\n\r\n",
            "GET /v1/whoami HTTP/1.1\r\nHost: a\r\nSargs-Purpose: kyc\r\nSargs-Purpose: aml\r\n\r\n",
            "GET /v1/whoami HTTP/1.1\r\nHost: a\r\nX-Request-Id: one\r\nX-Request-Id: two\r\n\r\n",
            "POST /v1/echo HTTP/1.1\r\nHost: a\r\nContent-Type: text/plain\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 0\r\n\r\n",
    })
    void answersLenientHttp1With400Problem(String request) throws Exception {
        try (ListenerFixture f = new ListenerFixture();
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
            ListenerAnswers.assertProblem(client.send(request), 400, "bad-request");
        }
    }

    @Test
    void answersRepeatedSingleValuedHeaderOverHttp2With400Problem() throws Exception {
        try (ListenerFixture f = new ListenerFixture();
             Http2TestClient client = Http2TestClient.connect(f.address, CORE_BANKING, ListenerFixture.CA)) {
            ListenerAnswers.assertProblem(client.get("/v1/whoami", Map.of(), Map.of("sargs-purpose", new String[] {"kyc", "aml"})),
                    400, "bad-request");
            assertEquals(200, client.get("/v1/whoami").status(), "the connection goes on");
        }
    }
}
