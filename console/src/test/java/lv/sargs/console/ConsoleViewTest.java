package lv.sargs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each view fits 80x24 and says every state in words, so a monochrome terminal loses nothing. */
class ConsoleViewTest {

    private static final String STATUS = """
            {"state":"FAILED","ready":false,"components":[
              {"name":"token","state":"FAILED","reason":"token 'sargs': CKR_TOKEN_NOT_PRESENT","since":"2026-12-01T09:00:00Z","requiredForReadiness":true},
              {"name":"upstream.viss","state":"DEGRADED","reason":"retrying","since":"2026-12-01T09:01:00Z","requiredForReadiness":false}],
             "alarms":[
              {"id":"token","severity":"CRITICAL","since":"2026-12-01T09:00:05Z","meaning":"The token is gone or logged out.","action":"Check the HSM.","acknowledged":false,"acknowledgedBy":null,"acknowledgedAt":null},
              {"id":"certificate.statistics.recipients[0]","severity":"WARNING","since":"2026-12-01T08:00:00Z","meaning":"%s","action":"Download Latvijas Banka's current certificate.","acknowledged":true,"acknowledgedBy":"local:ilze","acknowledgedAt":"2026-12-01T08:05:00Z"}]}
            """.formatted("The certificate CN=Latvijas Banka expires on 2026-12-20, in 19 days. ".repeat(4));
    private static final String METRICS = """
            # TYPE sargs_certificate_expiry_seconds gauge
            sargs_certificate_expiry_seconds{setting="statistics.recipients[0]",subject="CN=Latvijas Banka"} 1641600
            sargs_upstream_calls_total{upstream="viss",outcome="ok"} 90
            sargs_upstream_calls_total{upstream="viss",outcome="server_error"} 10
            sargs_upstream_call_seconds_sum{upstream="viss"} 25
            sargs_upstream_call_seconds_count{upstream="viss"} 100
            sargs_upstream_health{upstream="viss"} 1
            sargs_connections_refused_total{listener="client",reason="allow-list"} 3
            """;

    @Test
    void everyViewFitsTheScreenAndNamesStatesInWords() throws Exception {
        Snapshot s = Snapshot.of(new ObjectMapper().readTree(STATUS), METRICS, Instant.parse("2026-12-01T09:10:00Z"));
        for (int view = 0; view < ConsoleView.VIEWS.length; view++) {
            List<ConsoleView.Line> lines = ConsoleView.render(s, view, 0, "");
            assertEquals(ConsoleView.ROWS, lines.size());
            lines.forEach(l -> assertTrue(l.text().length() <= ConsoleView.COLUMNS, l.text()));
        }
        String overview = text(ConsoleView.render(s, 0, 0, ""));
        assertTrue(overview.contains("token               FAILED"), overview);
        assertTrue(overview.contains("> CRITICAL NEW  token"), overview);
        assertTrue(overview.contains("Do:   Check the HSM."), overview);
        String alarms = text(ConsoleView.render(s, 1, 1, ""));
        assertTrue(alarms.contains("WARNING  ack") && alarms.contains("acknowledged by local:ilze"), alarms);
        String certificates = text(ConsoleView.render(s, 2, 0, ""));
        assertTrue(certificates.contains("19 d 0 h     WARNING   statistics.recipients[0]"), certificates);
        String upstreams = text(ConsoleView.render(s, 3, 0, ""));
        assertTrue(upstreams.contains("viss       DEGRADED        90       10    10.0%  250 ms"), upstreams);
        assertTrue(upstreams.contains("client    allow-list"), upstreams);
    }

    private static String text(List<ConsoleView.Line> lines) {
        return String.join("\n", lines.stream().map(ConsoleView.Line::text).toList());
    }
}
