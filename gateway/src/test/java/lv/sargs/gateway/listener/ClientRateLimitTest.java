package lv.sargs.gateway.listener;

import static lv.sargs.gateway.listener.ListenerFixture.CORE_BANKING;
import static lv.sargs.gateway.listener.ListenerFixture.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import lv.sargs.gateway.audit.AuditEvent;
import lv.sargs.gateway.audit.AuditRecord;
import lv.sargs.gateway.audit.AuditSettings;
import lv.sargs.gateway.audit.AuditTrail;
import lv.sargs.gateway.audit.RefusalTally;
import lv.sargs.gateway.config.ClientRateLimit;
import lv.sargs.gateway.status.State;
import lv.sargs.gateway.status.StatusModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client past its request rate gets 429 with Retry-After, counted and audited (a flood as one record). */
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

    @Test
    void aFloodOf429sIsOneAuditRecordWithItsCount(@TempDir Path data) throws Exception {
        List<AuditRecord> seen = new CopyOnWriteArrayList<>();
        AuditSettings settings = new AuditSettings(data.resolve("audit"), 1000, 10, Duration.ofMinutes(10), 1 << 20,
                Duration.ofMillis(200));
        try (AuditTrail trail = AuditTrail.open(settings, Optional.empty(), null, null, Clock.systemUTC(),
                new StatusModel(Clock.systemUTC()).register(AuditTrail.COMPONENT, true, State.FAILED, "opening"));
             ListenerFixture f = new ListenerFixture(new ClientRateLimit(1, 2));
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
            trail.observe(seen::add);
            RefusalTally tally = new RefusalTally(trail, Duration.ofMinutes(1), System::currentTimeMillis);
            f.listener.onRateLimited((name, requestId, route) -> tally.refused(name, "rate-limited", requestId,
                    Map.of("route", route)));
            int refused = 0;
            for (int i = 0; i < 12; i++) {
                refused += client.get("/v1/whoami").status() == 429 ? 1 : 0;
            }
            assertTrue(refused >= 9, refused + " of 12 refused at 1 per second with a burst of 2");
            tally.close();

            assertEquals(1, seen.size(), seen.toString());
            AuditRecord record = seen.get(0);
            assertEquals(AuditEvent.CLIENT_REFUSED, record.event());
            assertEquals("core-banking", record.client());
            assertEquals("rate-limited", record.outcome());
            assertEquals(Integer.toString(refused), record.details().get("count"));
            assertEquals("/v1/whoami", record.details().get("route"));
        }
    }
}
