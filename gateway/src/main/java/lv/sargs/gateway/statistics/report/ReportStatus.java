package lv.sargs.gateway.statistics.report;

import lv.sargs.gateway.statistics.StatisticsService;
import lv.sargs.gateway.statistics.report.ReportState;
import lv.sargs.gateway.statistics.report.ProducedFile;
import lv.sargs.gateway.statistics.report.LbAnswer;
import lv.sargs.gateway.statistics.report.DeliveryAttempt;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything known about a submitted report: its identity, the files produced for it, the delivery
 * attempts and Latvijas Banka's answer — what {@code GET /v1/statistics/reports/{id}} shows.
 *
 * @param id the report id returned by {@link StatisticsService#submit}
 * @param state where the report is
 * @param prefix the report prefix {@code aaa}
 * @param orgCode the bank's code {@code kkk} (MFI code or registration number)
 * @param periodEnd the last day of the period
 * @param correction the correction number, 0 for a first submission
 * @param setVersion the set version ({@code vvv} = {@code v} + two digits in split file names)
 * @param submittedAt when the report was accepted for delivery
 * @param files the produced files, in part order
 * @param attempts the most recent delivery attempts, oldest first (at most {@link #MAX_ATTEMPTS})
 * @param answer Latvijas Banka's reply; null until it arrives
 */
public record ReportStatus(String id, ReportState state, String prefix, String orgCode, LocalDate periodEnd,
                           int correction, int setVersion, Instant submittedAt, List<ProducedFile> files,
                           List<DeliveryAttempt> attempts, LbAnswer answer) {

    /** How many delivery attempts are kept per report. */
    public static final int MAX_ATTEMPTS = 20;

    public ReportStatus {
        files = List.copyOf(files);
        attempts = List.copyOf(attempts);
    }

    /** A copy with {@code file} replacing the file of the same name. */
    public ReportStatus withFile(ProducedFile file) {
        List<ProducedFile> next = new ArrayList<>(files);
        next.replaceAll(f -> f.name().equals(file.name()) ? file : f);
        return new ReportStatus(id, state, prefix, orgCode, periodEnd, correction, setVersion, submittedAt, next,
                attempts, answer);
    }

    /** A copy with one more attempt (the oldest dropped beyond the cap) and the given state. */
    public ReportStatus withAttempt(DeliveryAttempt attempt, ReportState newState) {
        List<DeliveryAttempt> next = new ArrayList<>(attempts);
        next.add(attempt);
        if (next.size() > MAX_ATTEMPTS) {
            next.remove(0);
        }
        return new ReportStatus(id, newState, prefix, orgCode, periodEnd, correction, setVersion, submittedAt, files,
                next, answer);
    }

    /** A copy carrying Latvijas Banka's answer, in the state it implies. */
    public ReportStatus withAnswer(LbAnswer lbAnswer) {
        return new ReportStatus(id, lbAnswer.accepted() ? ReportState.ACCEPTED : ReportState.REJECTED, prefix, orgCode,
                periodEnd, correction, setVersion, submittedAt, files, attempts, lbAnswer);
    }

    /** Whether every file is under its final name in {@code STAT/OUT}. */
    public boolean allDelivered() {
        return files.stream().allMatch(f -> f.delivery() == ProducedFile.Delivery.DELIVERED);
    }
}
