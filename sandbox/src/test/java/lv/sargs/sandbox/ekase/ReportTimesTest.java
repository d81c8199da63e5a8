package lv.sargs.sandbox.ekase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportTimesTest {

    private static final ZoneId RIGA = ZoneId.of("Europe/Riga");
    private static final LocalDate WINTER = LocalDate.of(2026, 12, 2);
    private static final LocalDate SUMMER = LocalDate.of(2026, 7, 1);

    private static LocalTime local(String value, LocalDate day) throws SimXml.Refused {
        return ReportTimes.local(Optional.of(value), "FrTm", day, RIGA).orElseThrow();
    }

    @Test
    void acceptsEveryFormAnIsoTimeMayTake() throws SimXml.Refused {
        assertEquals(LocalTime.of(10, 0), local("10:00:00", WINTER));
        assertEquals(LocalTime.of(10, 0, 0, 500_000_000), local("10:00:00.5", WINTER));
        assertEquals(LocalTime.of(12, 0), local("10:00:00Z", WINTER));
        assertEquals(LocalTime.of(13, 0), local("10:00:00Z", SUMMER));
        assertEquals(LocalTime.of(10, 30), local("09:30:00+01:00", WINTER));
        assertEquals(LocalTime.MAX, local("24:00:00", WINTER));
        assertEquals(Optional.empty(), ReportTimes.local(Optional.empty(), "ToTm", WINTER, RIGA));
    }

    @Test
    void refusesWhatIsNoIsoTimeNamingTheElement() {
        for (String bad : new String[] {"10:00", "25:00:00", "10:61:00", "24:00:01", "10:00:00+1", "ten"}) {
            SimXml.Refused refused = assertThrows(SimXml.Refused.class, () -> local(bad, WINTER), bad);
            assertTrue(refused.getMessage().contains("RptgPrd/FrToTm/FrTm '" + bad + "'"), refused.getMessage());
        }
    }
}
