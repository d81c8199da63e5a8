package lv.sargs.gateway.statistics.report;

import lv.sargs.gateway.problem.ProblemCode;

/** The problems a statistical report's submission or query is answered with, beyond the HTTP layer's own. */
public enum ReportProblem implements ProblemCode.Declared {
    REPORT_REJECTED("report-rejected", 422, "The report breaks Latvijas Banka's file rules"),
    REPORT_NOT_FOUND("report-not-found", 404, "No statistical report has this id"),
    REPORT_NOT_PRODUCED("report-not-produced", 500,
            "The report's files could not be produced; nothing was kept or sent");

    private final Parts parts;

    ReportProblem(String code, int httpStatus, String title) {
        this.parts = new Parts(code, httpStatus, title);
    }

    @Override
    public Parts parts() {
        return parts;
    }
}
