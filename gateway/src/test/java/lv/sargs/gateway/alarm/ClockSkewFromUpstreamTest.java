package lv.sargs.gateway.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import lv.sargs.gateway.upstream.core.Deadline;
import lv.sargs.gateway.upstream.UpstreamClient;
import lv.sargs.gateway.upstream.UpstreamFixture;
import lv.sargs.gateway.upstream.core.UpstreamRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The clock-skew alarm fed by a real upstream's Date header over mutual TLS. */
class ClockSkewFromUpstreamTest {

    private final UpstreamFixture fixture = new UpstreamFixture();

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    @Test
    void anUpstreamWhoseDateIsTwoMinutesBehindRaisesTheClockSkewAlarm() throws Exception {
        String behind = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.now().minus(Duration.ofMinutes(2)).atZone(ZoneOffset.UTC));
        var server = fixture.server((request, reply) -> reply.send(200, "application/json", "{}".getBytes(),
                Map.of("Date", behind)));
        AlarmModel alarms = new AlarmModel(Clock.systemUTC());
        ClockSkew skew = new ClockSkew(Duration.ofSeconds(60), Clock.systemUTC(), alarms, fixture.metrics);
        UpstreamClient client = fixture.client(fixture.settings("viss", server.uri()), skew);

        client.call(UpstreamRequest.get("/x"), Deadline.after(Duration.ofSeconds(5))).join();

        Alarm alarm = alarms.get(ClockSkew.ID).orElseThrow();
        assertEquals(Severity.CRITICAL, alarm.severity());
        assertTrue(alarm.meaning().contains("ahead of viss"), alarm.meaning());
    }
}
