package lv.sargs.gateway.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.testkit.FakeClock;
import lv.sargs.gateway.status.State;
import lv.sargs.gateway.status.StatusModel;
import lv.sargs.gateway.status.StatusReporter;
import org.junit.jupiter.api.Test;

class StatusAlarmsTest {

    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final StatusModel status = new StatusModel(clock);
    private final AlarmModel alarms = new AlarmModel(clock);
    private final StatusAlarms detector = new StatusAlarms(status, alarms, Duration.ofMinutes(5), clock);

    @Test
    void theTokenGoneRaisesACriticalAlarmAtOnceAndItClearsWhenTheTokenIsBack() {
        StatusReporter token = status.register("token", true, State.OK, "logged in");
        status.addListener(detector);
        token.failed("token 'sargs': CKR_TOKEN_NOT_PRESENT");
        Alarm alarm = alarms.get("token").orElseThrow();
        assertEquals(Severity.CRITICAL, alarm.severity());
        assertTrue(alarm.meaning().contains("CKR_TOKEN_NOT_PRESENT"), alarm.meaning());
        assertTrue(alarm.action().contains("re-probe"), alarm.action());
        token.ok("logged in again");
        assertTrue(alarms.open().isEmpty());
    }

    @Test
    void anUpstreamDownLongerThanTheLimitRaisesAnAlarmThatClearsWhenItAnswers() {
        StatusReporter viss = status.register("upstream.viss", false, State.OK, "no call yet");
        status.addListener(detector);
        viss.failed("connect timed out");
        detector.check();
        assertTrue(alarms.open().isEmpty(), "not yet five minutes");
        clock.advance(Duration.ofMinutes(5));
        detector.check();
        Alarm alarm = alarms.get("upstream.viss").orElseThrow();
        assertEquals(Severity.CRITICAL, alarm.severity());
        assertTrue(alarm.meaning().contains("connect timed out") && alarm.meaning().contains("5 min"), alarm.meaning());
        viss.ok("answering");
        assertTrue(alarms.open().isEmpty());
    }

    @Test
    void theClockOffByMoreThanTheLimitFromAnUpstreamsDateRaisesAnAlarm() {
        ClockSkew skew = new ClockSkew(Duration.ofSeconds(60), clock, alarms, new Metrics());
        skew.serverDate("viss", "Tue, 01 Dec 2026 08:58:30 GMT");
        Alarm alarm = alarms.get("clock.skew").orElseThrow();
        assertTrue(alarm.meaning().contains("90 s ahead of viss"), alarm.meaning());
        skew.serverDate("viss", "Tue, 01 Dec 2026 09:00:00 GMT");
        assertTrue(alarms.get("clock.skew").isPresent(), "sampled at most once per 10 s");
        clock.advance(Duration.ofSeconds(10));
        skew.serverDate("viss", "Tue, 01 Dec 2026 09:00:09 GMT");
        assertTrue(alarms.open().isEmpty());
        skew.serverDate("fpr", "not a date");
        assertTrue(alarms.open().isEmpty());
    }
}
