package lv.sargs.gateway.risk;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reporting periods: a month {@code 2026-12} or a quarter {@code 2026-Q4}, as UTC instants [from, to). */
final class Periods {

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

    private Periods() {
    }

    static Instant[] range(String period) {
        Matcher q = QUARTER.matcher(period);
        LocalDate from;
        LocalDate to;
        if (q.matches()) {
            from = LocalDate.of(Integer.parseInt(q.group(1)), (Integer.parseInt(q.group(2)) - 1) * 3 + 1, 1);
            to = from.plusMonths(3);
        } else {
            try {
                YearMonth m = YearMonth.parse(period);
                from = m.atDay(1);
                to = from.plusMonths(1);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("period: " + period + " (expected: a month 2026-12 or a quarter"
                        + " 2026-Q4)");
            }
        }
        return new Instant[] {from.atStartOfDay().toInstant(ZoneOffset.UTC), to.atStartOfDay().toInstant(ZoneOffset.UTC)};
    }
}
