package lv.sargs.gateway.listener;

import static lv.sargs.gateway.listener.ListenerFixture.CORE_BANKING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lv.sargs.gateway.config.BodyLimits;
import org.junit.jupiter.api.Test;

/**
 * Body bounds per route class under the listener's 1024 bytes: small routes 100 bytes, payments
 * 512; a streamed report route has its own, larger bound. The same 600 bytes are refused as a
 * payment (413 naming listeners.client.bodyLimits.payments) and accepted as a report; a chunked
 * payment is refused the moment it crosses its bound, without waiting for the body's end.
 */
class RouteBodyLimitsTest {

    private static final BodyLimits BOUNDS = new BodyLimits(100, 512);

    private static String post(String path, int size) {
        return "POST " + path + " HTTP/1.1\r\nHost: a\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                + size + "\r\n\r\n" + "x".repeat(size);
    }

    @Test
    void aPaymentOverItsBoundIs413NamingTheBoundWhileAReportOfTheSameSizeIsAccepted() throws Exception {
        try (ListenerFixture f = new ListenerFixture(BOUNDS)) {
            try (TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
                TlsTestClient.Answer payment = client.send(post("/v1/pay", 600));
                ListenerAnswers.assertProblem(payment, 413, "body-too-large");
                String detail = ListenerAnswers.problem(payment).get("detail").asText();
                assertTrue(detail.contains("512 bytes") && detail.contains("listeners.client.bodyLimits.payments"), detail);
            }
            try (TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
                TlsTestClient.Answer report = client.send(post("/v1/upload", 600));
                assertEquals(200, report.status(), report.body());
                assertEquals("{\"bytes\":600}", report.body());
            }
            try (TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
                TlsTestClient.Answer within = client.send(post("/v1/pay", 512));
                assertEquals(200, within.status(), within.body());
            }
        }
    }

    @Test
    void aSmallRouteHasTheSmallBoundAndTheListenersLimitStillCapsEveryClass() throws Exception {
        try (ListenerFixture f = new ListenerFixture(BOUNDS)) {
            try (TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
                TlsTestClient.Answer small = client.send(post("/v1/echo", 101));
                ListenerAnswers.assertProblem(small, 413, "body-too-large");
                assertTrue(ListenerAnswers.problem(small).get("detail").asText()
                        .contains("100 bytes (configuration key listeners.client.bodyLimits.small)"));
            }
            try (TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
                TlsTestClient.Answer over = client.send(post("/v1/pay", 2000));
                ListenerAnswers.assertProblem(over, 413, "body-too-large");
                assertTrue(ListenerAnswers.problem(over).get("detail").asText().contains("1024 bytes"));
            }
        }
    }

    @Test
    void aChunkedPaymentIsRefusedAsSoonAsItCrossesItsBoundBeforeItsEnd() throws Exception {
        try (ListenerFixture f = new ListenerFixture(BOUNDS);
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
            // 600 bytes: past the payments bound (512), well under the listener's limit (1024); the body's end never sent.
            writeChunkedPayment(client, 300, 2);

            TlsTestClient.Answer answer = client.read();

            ListenerAnswers.assertProblem(answer, 413, "body-too-large");
            String detail = ListenerAnswers.problem(answer).get("detail").asText();
            assertTrue(detail.contains("512 bytes") && detail.contains("listeners.client.bodyLimits.payments"), detail);
            assertTrue(client.closedByServer(), "the refused body's connection is closed");
        }
    }

    @Test
    void aChunkedPaymentWithinItsBoundIsServedWhole() throws Exception {
        try (ListenerFixture f = new ListenerFixture(BOUNDS);
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
            writeChunkedPayment(client, 256, 2);
            client.write("0\r\n\r\n");

            TlsTestClient.Answer answer = client.read();

            assertEquals(200, answer.status(), answer.body());
            assertEquals("{\"bytes\":512}", answer.body());
            TlsTestClient.Answer next = client.send("GET /v1/whoami HTTP/1.1\r\nHost: a\r\n\r\n");
            assertEquals(200, next.status(), "the connection serves the next request");
        }
    }

    /** Writes a chunked payment's head and {@code chunks} chunks of {@code size} bytes, without the body's end. */
    private static void writeChunkedPayment(TlsTestClient client, int size, int chunks) throws Exception {
        client.write("POST /v1/pay HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < chunks; i++) {
            client.write(Integer.toHexString(size) + "\r\n" + "y".repeat(size) + "\r\n");
        }
    }
}
