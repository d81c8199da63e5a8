package lv.sargs.gateway.listener;

import static lv.sargs.gateway.listener.ListenerFixture.CORE_BANKING;
import static lv.sargs.gateway.listener.ListenerFixture.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import lv.sargs.gateway.config.RequestDeadlines;
import org.junit.jupiter.api.Test;

/**
 * A request arriving too slowly cannot hold a connection or an upload slot (issue 16 item 3); the
 * bounds are configured short (hundreds of milliseconds) so the tests take no minutes.
 */
class SlowRequestsTest {

    private static final RequestDeadlines SHORT = new RequestDeadlines(Duration.ofMillis(400), 1024,
            Duration.ofMillis(1500), 1);

    @Test
    void cutsOffAHeadTrickledByteByByte() throws Exception {
        try (ListenerFixture f = new ListenerFixture(SHORT);
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
            assertEquals(200, client.get("/v1/whoami").status());
            String head = "GET /v1/whoami HTTP/1.1\r\nHost: a\r\nX-Slow: " + "s".repeat(100);
            TlsTestClient.Answer answer = null;
            try {
                for (char c : head.toCharArray()) {
                    client.write(String.valueOf(c));
                    Thread.sleep(50);
                }
            } catch (java.io.IOException closed) {
                // The server may close while we still write: that is the point.
            }
            answer = client.read();
            ListenerAnswers.assertProblem(answer, 408, "request-timeout");
            assertTrue(ListenerAnswers.problem(answer).get("detail").asText().contains("headerTimeout"), answer.body());
            assertTrue(client.closedByServer());
            eventually(() -> f.metric("sargs_http_slow_requests_total{listener=\"client\",phase=\"head\"}") == 1);
        }
    }

    @Test
    void cutsOffABodyBelowTheMinimumRate() throws Exception {
        try (ListenerFixture f = new ListenerFixture(SHORT);
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
            client.write("POST /v1/echo HTTP/1.1\r\nHost: a\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n");
            try {
                for (int i = 0; i < 40; i++) {
                    client.write("x");
                    Thread.sleep(50);
                }
            } catch (java.io.IOException closed) {
                // Cut off while still sending.
            }
            TlsTestClient.Answer answer = client.read();
            ListenerAnswers.assertProblem(answer, 408, "request-timeout");
            assertTrue(ListenerAnswers.problem(answer).get("detail").asText().contains("minBodyRate"), answer.body());
            assertTrue(client.closedByServer());
            eventually(() -> f.metric("sargs_http_slow_requests_total{listener=\"client\",phase=\"body\"}") == 1);
        }
    }

    @Test
    void cutsOffAStreamedUploadBelowTheMinimumRateAndFreesItsSlot() throws Exception {
        // The grace before the rate is judged is long enough for the second upload to be refused meanwhile.
        RequestDeadlines deadlines = new RequestDeadlines(Duration.ofSeconds(2), 1024, Duration.ofSeconds(3), 1);
        try (ListenerFixture f = new ListenerFixture(deadlines)) {
            try (TlsTestClient slow = f.connect("127.0.0.1", CORE_BANKING);
                 TlsTestClient second = f.connect("127.0.0.1", CORE_BANKING)) {
                slow.write("POST /v1/upload HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\nabc");
                eventually(() -> f.listener.inFlightRequests() == 1);
                {
                    TlsTestClient.Answer refused = second.send("POST /v1/upload HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc");
                    ListenerAnswers.assertProblem(refused, 429, "too-many-requests");
                    assertTrue(ListenerAnswers.problem(refused).get("detail").asText().contains("maxUploadsPerClient"));
                }
                assertTrue(slow.closedByServer(), "the trickling upload is cut off");
            }
            eventually(() -> f.listener.inFlightRequests() == 0);
            try (TlsTestClient next = f.connect("127.0.0.1", CORE_BANKING)) {
                TlsTestClient.Answer answer = next.send("POST /v1/upload HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc");
                assertEquals(200, answer.status(), answer.body());
            }
        }
    }

    @Test
    void aFastRequestIsUntouched() throws Exception {
        try (ListenerFixture f = new ListenerFixture(SHORT);
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
            for (int i = 0; i < 5; i++) {
                assertEquals(200, client.send(ListenerAnswers.post("x".repeat(500))).status());
                Thread.sleep(200);
            }
            assertEquals(0, f.metric("sargs_http_slow_requests_total{listener=\"client\",phase=\"head\"}")
                    + f.metric("sargs_http_slow_requests_total{listener=\"client\",phase=\"body\"}"));
        }
    }
}
