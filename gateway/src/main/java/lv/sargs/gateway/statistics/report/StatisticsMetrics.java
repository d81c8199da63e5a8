package lv.sargs.gateway.statistics.report;

import lv.sargs.gateway.metrics.Metrics;

/**
 * The statistics counters on {@code /metrics}: reports refused and produced, delivery attempts by
 * outcome, and Latvijas Banka's answers — registered once, updated without allocation.
 */
public final class StatisticsMetrics {

    private static final String REPORTS = "sargs_statistics_reports_total";
    private static final String DELIVERIES = "sargs_statistics_deliveries_total";
    private static final String ANSWERS = "sargs_statistics_answers_total";

    private final Metrics.Counter refused;
    private final Metrics.Counter produced;
    private final Metrics.Counter delivered;
    private final Metrics.Counter deliveryFailed;
    private final Metrics.Counter accepted;
    private final Metrics.Counter rejected;

    public StatisticsMetrics(Metrics metrics) {
        String reports = "Statistical reports submitted, by outcome of the local checks and production";
        refused = metrics.counter(REPORTS, reports, "outcome=\"refused\"");
        produced = metrics.counter(REPORTS, reports, "outcome=\"produced\"");
        String deliveries = "Delivery attempts of a report to Latvijas Banka's STAT/OUT, by outcome";
        delivered = metrics.counter(DELIVERIES, deliveries, "outcome=\"delivered\"");
        deliveryFailed = metrics.counter(DELIVERIES, deliveries, "outcome=\"failed\"");
        String answers = "Latvijas Banka's answers collected from STAT/IN, by result";
        accepted = metrics.counter(ANSWERS, answers, "result=\"accepted\"");
        rejected = metrics.counter(ANSWERS, answers, "result=\"rejected\"");
    }

    public void reportRefused() {
        refused.increment();
    }

    public void reportProduced() {
        produced.increment();
    }

    /** Counts one delivery attempt of one report. */
    public void delivery(boolean succeeded) {
        (succeeded ? delivered : deliveryFailed).increment();
    }

    /** Counts one answer from Latvijas Banka. */
    public void answer(boolean wasAccepted) {
        (wasAccepted ? accepted : rejected).increment();
    }
}
