package lv.sargs.gateway.statistics;

import lv.sargs.gateway.statistics.report.StatisticsJson;
import lv.sargs.gateway.statistics.report.ReportStatus;
import lv.sargs.gateway.statistics.report.ReportState;
import lv.sargs.gateway.statistics.report.ProducedFile;
import lv.sargs.gateway.statistics.report.LbAnswer;
import lv.sargs.gateway.statistics.report.DeliveryAttempt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatisticsJsonTest {

    @Test
    void writesAStatusWithIsoDatesAndReadsItBack() throws Exception {
        ReportStatus status = new ReportStatus("r1", ReportState.REJECTED, "K01", "ABC", LocalDate.of(2026, 10, 31), 0,
                1, Instant.parse("2026-11-21T09:00:00Z"),
                List.of(new ProducedFile("K01_ABC_20261031.p7m", 1663, "ab12", ProducedFile.Delivery.DELIVERED)),
                List.of(new DeliveryAttempt(Instant.parse("2026-11-21T09:00:01Z"), true, "1 file(s) in STAT/OUT")),
                new LbAnswer("K01_ABC_20261031.p7m.20261121090002000.reply.txt", Instant.parse("2026-11-21T09:05:00Z"),
                        false, List.of("ERROR=K01_ABC_20261031.p7m line 9: R7=1,5 (expected: '.')")));
        ObjectMapper json = StatisticsJson.mapper();

        String text = json.writeValueAsString(status);

        assertTrue(text.contains("\"periodEnd\":\"2026-10-31\""), text);
        assertTrue(text.contains("\"submittedAt\":\"2026-11-21T09:00:00Z\""), text);
        assertTrue(text.contains("\"delivery\":\"DELIVERED\""), text);
        assertEquals(status, json.readValue(text, ReportStatus.class));
    }
}
