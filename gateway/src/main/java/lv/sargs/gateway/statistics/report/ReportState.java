package lv.sargs.gateway.statistics.report;

/** Where a submitted report is on its way to Latvijas Banka. */
public enum ReportState {
    /** Files produced, signed and encrypted; not all of them uploaded yet. */
    PRODUCED,
    /** Every file is in {@code STAT/OUT}; Latvijas Banka has not answered yet. */
    DELIVERED,
    /** Latvijas Banka accepted the report. */
    ACCEPTED,
    /** Latvijas Banka rejected the report; its messages are in the answer. */
    REJECTED
}
