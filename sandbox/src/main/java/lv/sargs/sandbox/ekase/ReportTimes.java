package lv.sargs.sandbox.ekase;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a camt.060's {@code RptgPrd/FrToTm} times as the ISO 20022 {@code ISOTime} (an
 * {@code xs:time}) allows them: {@code hh:mm:ss}, optional fractional seconds, optional {@code Z}
 * or {@code ±hh:mm} offset, and {@code 24:00:00} for the end of the day. A time with an offset is
 * moved to the Treasury's local time on the report's day; one without is already local.
 */
final class ReportTimes {

    private static final Pattern XS_TIME =
            Pattern.compile("(\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})?");

    private ReportTimes() {
    }

    /**
     * The local time {@code value} names on {@code day} in {@code zone}, or empty when absent.
     *
     * @throws SimXml.Refused when it is not an {@code xs:time}
     */
    static Optional<LocalTime> local(Optional<String> value, String element, LocalDate day, ZoneId zone)
            throws SimXml.Refused {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = XS_TIME.matcher(value.get());
        if (!m.matches()) {
            throw refused(element, value.get());
        }
        if (m.group(1).equals("24")) {
            if (!m.group(2).equals("00") || !m.group(3).equals("00") || (m.group(4) != null && !m.group(4).matches("\\.0+"))) {
                throw refused(element, value.get());
            }
            return Optional.of(LocalTime.MAX);
        }
        try {
            String offset = m.group(5);
            String time = m.group(1) + ":" + m.group(2) + ":" + m.group(3) + (m.group(4) == null ? "" : m.group(4));
            if (offset == null) {
                return Optional.of(LocalTime.parse(time));
            }
            OffsetTime at = OffsetTime.parse(time + (offset.equals("Z") ? "+00:00" : offset));
            return Optional.of(at.atDate(day).atZoneSameInstant(zone).toLocalTime());
        } catch (DateTimeParseException e) {
            throw refused(element, value.get());
        }
    }

    private static SimXml.Refused refused(String element, String value) {
        return new SimXml.Refused("camt.060: RptgReq/RptgPrd/FrToTm/" + element + " '" + value
                + "' (expected: an ISOTime, hh:mm:ss with optional fraction and offset)");
    }
}
