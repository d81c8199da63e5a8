package lv.sargs.gateway.statistics.report;

import lv.sargs.gateway.statistics.ReportRejectedException;
import lv.sargs.gateway.http.ProblemType;
import lv.sargs.gateway.problem.CodedException;
import lv.sargs.gateway.problem.ProblemCode;
import lv.sargs.gateway.problem.ProblemReason;

/**
 * A statistics operation that did not happen, with a stable {@link Code} and a message naming the
 * report, file or setting, the value and what was expected.
 */
public class StatisticsException extends CodedException {

    private static final long serialVersionUID = 1L;

    /** Stable reasons a statistics operation fails, each with the problem a client is answered with. */
    public enum Code implements ProblemReason {
        /** The submission's metadata (prefix, period, correction) is unusable. */
        INVALID_SUBMISSION(ProblemType.BAD_REQUEST),
        /** The report's content breaks the file format's rules; see {@link ReportRejectedException}. */
        INVALID_REPORT(ReportProblem.REPORT_REJECTED),
        /** The report needs more than 99 files under the size limit. */
        TOO_MANY_PARTS(ReportProblem.REPORT_REJECTED),
        /** A produced .p7m file came out above the size limit; nothing is delivered. */
        PART_TOO_LARGE(ReportProblem.REPORT_NOT_PRODUCED),
        /** Signing or encrypting failed (token, certificate or CMS). */
        PROTECTION_FAILED(ReportProblem.REPORT_NOT_PRODUCED),
        /** The data directory or the store failed. */
        STORAGE_FAILED(ReportProblem.REPORT_NOT_PRODUCED),
        /** The statistics settings are unusable. */
        CONFIGURATION(ReportProblem.REPORT_NOT_PRODUCED),
        /** The service was closed. */
        CLOSED(ProblemType.SHUTTING_DOWN);

        private final ProblemCode problem;

        Code(ProblemCode problem) {
            this.problem = problem;
        }

        @Override
        public ProblemCode problem() {
            return problem;
        }
    }

    public StatisticsException(Code code, String message) {
        super(code, message, null);
    }

    public StatisticsException(Code code, String message, Throwable cause) {
        super(code, message, cause);
    }

    /** The stable reason. */
    @Override
    public Code code() {
        return (Code) super.code();
    }
}
