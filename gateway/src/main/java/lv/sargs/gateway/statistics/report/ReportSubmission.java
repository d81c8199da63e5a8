package lv.sargs.gateway.statistics.report;

import lv.sargs.gateway.statistics.report.StatisticsException;
import java.time.LocalDate;
import java.util.OptionalInt;

/**
 * What the bank's reporting system says about a report it hands over: the report prefix
 * {@code aaa}, the last day of the reported period, the correction number when it is a
 * resubmission, and the form the body comes in.
 *
 * @param prefix the three-character report prefix, e.g. {@code K01}
 * @param periodEnd the last day of the reported period ({@code yyyymmdd} in the file name)
 * @param correction the correction number ({@code LABOJUMS}) of a resubmission; empty for a first submission
 * @param form how the body is written
 */
public record ReportSubmission(String prefix, LocalDate periodEnd, OptionalInt correction, Form form) {

    /** The two forms a report body is accepted in; both are UTF-8 on the way in. */
    public enum Form {
        /** The format's own {@code NAME=value} lines. */
        LINES,
        /** One JSON object, indicator name to value (string or number), in report order. */
        JSON
    }

    public ReportSubmission {
        if (prefix == null || !prefix.matches("[A-Za-z0-9]{3}")) {
            throw new StatisticsException(StatisticsException.Code.INVALID_SUBMISSION,
                    "prefix: " + prefix + " (expected: the 3-character report prefix, letters and digits)");
        }
        if (periodEnd == null) {
            throw new StatisticsException(StatisticsException.Code.INVALID_SUBMISSION,
                    "periodEnd: null (expected: the last day of the reported period)");
        }
        if (correction == null) {
            correction = OptionalInt.empty();
        }
        if (correction.isPresent() && (correction.getAsInt() < 1 || correction.getAsInt() > 98)) {
            throw new StatisticsException(StatisticsException.Code.INVALID_SUBMISSION,
                    "correction: " + correction.getAsInt() + " (expected: 1-98)");
        }
        if (form == null) {
            throw new StatisticsException(StatisticsException.Code.INVALID_SUBMISSION,
                    "form: null (expected: LINES or JSON)");
        }
    }

    /** Whether this is a resubmission (a correction of an earlier report). */
    public boolean isCorrection() {
        return correction.isPresent();
    }
}
