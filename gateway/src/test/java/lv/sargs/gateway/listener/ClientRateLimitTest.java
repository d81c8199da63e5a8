package lv.sargs.gateway.listener;

import static lv.sargs.gateway.listener.ListenerFixture.CORE_BANKING;
import static lv.sargs.gateway.listener.ListenerFixture.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lv.sargs.gateway.config.ClientRateLimit;
import org.junit.jupiter.api.Test;

/** A client past its request rate gets 429 with Retry-After, counted; the others are not affected. */
class ClientRateLimitTest {

    @Test
    void answers429WithRetryAfterPastTheClientsBurst() throws Exception {
        try (ListenerFixture f = new ListenerFixture(new ClientRateLimit(1, 3));
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, client.get("/v1/whoami").status());
            }
            TlsTestClient.Answer over = client.get("/v1/whoami");
            ListenerAnswers.assertProblem(over, 429, "too-many-requests");
            assertEquals("1", over.header("retry-after"));
            assertTrue(ListenerAnswers.problem(over).get("detail").asText().contains("listeners.client.rateLimit"));
            eventually(() -> f.metric("sargs_http_rate_limited_total{listener=\"client\"}") == 1);
        }
    }
}
