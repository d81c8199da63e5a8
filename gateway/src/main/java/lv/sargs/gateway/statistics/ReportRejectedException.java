package lv.sargs.gateway.statistics;

import lv.sargs.gateway.statistics.report.StatisticsException;
import java.util.List;
import lv.sargs.gateway.statistics.format.Problem;

/**
 * A report refused before anything was produced or uploaded, carrying every problem found (up to
 * the listing cap) with its line number, and the total count.
 */
public final class ReportRejectedException extends StatisticsException {

    private final transient List<Problem> problems;
    private final long total;

    public ReportRejectedException(List<Problem> problems, long total) {
        super(Code.INVALID_REPORT, message(problems, total));
        this.problems = List.copyOf(problems);
        this.total = total;
    }

    /** The problems listed, in line order of discovery. */
    public List<Problem> problems() {
        return problems;
    }

    /** How many problems were found; more than {@code problems().size()} when the listing was capped. */
    public long total() {
        return total;
    }

    private static String message(List<Problem> problems, long total) {
        StringBuilder b = new StringBuilder("report refused: ").append(total).append(total == 1 ? " problem" : " problems");
        int shown = Math.min(problems.size(), 5);
        for (int i = 0; i < shown; i++) {
            b.append("; ").append(problems.get(i));
        }
        if (total > shown) {
            b.append("; … ").append(total - shown).append(" more");
        }
        return b.toString();
    }
}
