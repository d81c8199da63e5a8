package lv.sargs.gateway.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import lv.sargs.testkit.FakeClock;
import org.junit.jupiter.api.Test;

class AlarmModelTest {

    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final AlarmModel alarms = new AlarmModel(clock);

    @Test
    void anAcknowledgedAlarmRecordsWhoAndWhenAndStaysOpenUntilItsCauseClears() {
        List<String> seen = new ArrayList<>();
        alarms.addListener((before, now) -> seen.add((before == null ? "-" : before.severity().name()) + ">"
                + (now == null ? "-" : now.severity() + (now.acknowledged() ? "+ack" : ""))));
        alarms.raise("token", Severity.CRITICAL, "The token is gone.", "Plug it in.");
        assertTrue(alarms.unacknowledged());
        clock.advance(Duration.ofMinutes(3));
        Alarm acked = alarms.acknowledge("token", "ilze").orElseThrow();
        assertEquals("ilze", acked.acknowledgement().orElseThrow().by());
        assertEquals(clock.instant(), acked.acknowledgement().orElseThrow().at());
        assertFalse(alarms.unacknowledged());
        alarms.raise("token", Severity.CRITICAL, "The token is gone.", "Plug it in.");
        assertTrue(alarms.get("token").orElseThrow().acknowledged(), "raising it again keeps the acknowledgement");
        alarms.clear("token");
        alarms.clear("token");
        assertTrue(alarms.open().isEmpty());
        assertEquals(List.of("->CRITICAL", "CRITICAL>CRITICAL+ack", "CRITICAL>-"), seen);
        assertTrue(alarms.acknowledge("token", "ilze").isEmpty(), "a closed alarm cannot be acknowledged");
    }

    @Test
    void aBrokenListenerDoesNotKeepAnAlarmFromBeingRaised() {
        alarms.addListener((before, now) -> {
            throw new IllegalStateException("LED driver broke");
        });
        alarms.raise("clock.skew", Severity.CRITICAL, "off by 90 s", "fix NTP");
        assertEquals(1, alarms.open().size());
    }
}
