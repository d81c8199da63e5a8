package lv.sargs.gateway.statistics;

/**
 * A statistics operation that did not happen, with a stable {@link Code} and a message naming the
 * report, file or setting, the value and what was expected.
 */
public class StatisticsException extends RuntimeException {

    /** Stable reasons a statistics operation fails. */
    public enum Code {
        /** The submission's metadata (prefix, period, correction) is unusable. */
        INVALID_SUBMISSION,
        /** The report's content breaks the file format's rules; see {@link ReportRejectedException}. */
        INVALID_REPORT,
        /** The report needs more than 99 files under the size limit. */
        TOO_MANY_PARTS,
        /** A produced .p7m file came out above the size limit; nothing is delivered. */
        PART_TOO_LARGE,
        /** Signing or encrypting failed (token, certificate or CMS). */
        PROTECTION_FAILED,
        /** The data directory or the store failed. */
        STORAGE_FAILED,
        /** The statistics settings are unusable. */
        CONFIGURATION,
        /** The service was closed. */
        CLOSED
    }

    private final Code code;

    public StatisticsException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public StatisticsException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The stable reason. */
    public Code code() {
        return code;
    }
}
