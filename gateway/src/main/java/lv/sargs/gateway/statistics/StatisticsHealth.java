package lv.sargs.gateway.statistics;

import lv.sargs.gateway.statistics.delivery.DeliveryListener;
import lv.sargs.gateway.status.StatusReporter;

/**
 * The {@code statistics} status component: FAILED while reports cannot be produced (token, CMS,
 * storage), DEGRADED with the last delivery error while Latvijas Banka cannot be reached or
 * refuses, OK otherwise.
 */
final class StatisticsHealth implements DeliveryListener {

    private final StatusReporter reporter;
    private final String exchange;
    private String productionFailure;
    private String deliveryFailure;
    private boolean reached;

    StatisticsHealth(StatusReporter reporter, String exchange) {
        this.reporter = reporter;
        this.exchange = exchange;
        reporter.ok("started; Latvijas Banka's exchange " + exchange + " not contacted yet");
    }

    /** A report's files were produced: production works again. */
    synchronized void produced() {
        productionFailure = null;
        report();
    }

    /** Production failed for a reason that is not the report's own (token, CMS, storage). */
    synchronized void productionFailed(String reason) {
        productionFailure = reason;
        report();
    }

    @Override
    public synchronized void succeeded(int reportsDelivered) {
        deliveryFailure = null;
        reached = true;
        report();
    }

    @Override
    public synchronized void failed(String reason) {
        deliveryFailure = reason;
        report();
    }

    private void report() {
        if (productionFailure != null) {
            reporter.failed("reports cannot be produced: " + productionFailure);
        } else if (deliveryFailure != null) {
            reporter.degraded("delivery to " + exchange + " failing: " + deliveryFailure);
        } else {
            reporter.ok("producing reports; Latvijas Banka's exchange " + exchange
                    + (reached ? " reachable" : " not contacted yet"));
        }
    }
}
