package lv.sargs.gateway.treasury.ekase;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/**
 * The part of today (Europe/Riga time, whole seconds, both ends included) an unclosed-day report
 * (camt.052) covers: what a camt.060 asks for in {@code RptgPrd/FrToTm}. The Treasury keeps every
 * entry of the day, so a client that polls the report asks for the window since its last call
 * instead of the whole day, and each answer stays as large as that window's entries.
 *
 * @param from the first second covered
 * @param to the last second covered, not before {@code from}
 */
public record ReportWindow(LocalTime from, LocalTime to) {

    /** The whole day, 00:00:00 to 23:59:59. */
    public static final ReportWindow WHOLE_DAY = new ReportWindow(LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59));

    /** Truncates both ends to whole seconds (what camt.060 carries) and checks their order. */
    public ReportWindow {
        from = from.truncatedTo(ChronoUnit.SECONDS);
        to = to.truncatedTo(ChronoUnit.SECONDS);
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("report window " + from + "-" + to + " (expected: from not after to)");
        }
    }
}
