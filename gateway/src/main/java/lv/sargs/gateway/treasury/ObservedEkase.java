package lv.sargs.gateway.treasury;

import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import lv.sargs.gateway.status.StatusReporter;
import lv.sargs.gateway.treasury.ekase.AccountReport;
import lv.sargs.gateway.treasury.ekase.ReportWindow;
import lv.sargs.gateway.treasury.ekase.EkaseAdapter;
import lv.sargs.gateway.treasury.ekase.EkaseException;
import lv.sargs.gateway.treasury.ekase.EkaseMode;
import lv.sargs.gateway.treasury.ekase.StatusReport;
import lv.sargs.gateway.treasury.ekase.SubmitResult;

/**
 * An eKase adapter that reports how eKase answers as status component {@code upstream.ekase}:
 * OK while it answers (a "not found" is an answer), DEGRADED with the last error after a failure
 * that may pass, FAILED when our credentials are refused or failures keep coming.
 */
final class ObservedEkase implements EkaseAdapter {

    /** Failed exchanges in a row after which a passing failure counts as FAILED. */
    static final int FAILED_AFTER = 3;

    /** One eKase exchange. */
    private interface Exchange<T> {
        T call() throws EkaseException;
    }

    private final EkaseAdapter ekase;
    private final StatusReporter reporter;
    private final AtomicInteger failuresInARow = new AtomicInteger();

    ObservedEkase(EkaseAdapter ekase, StatusReporter reporter) {
        this.ekase = ekase;
        this.reporter = reporter;
    }

    @Override
    public EkaseMode mode() {
        return ekase.mode();
    }

    @Override
    public SubmitResult submit(byte[] pain001, String msgId) throws EkaseException {
        return observed(() -> ekase.submit(pain001, msgId));
    }

    @Override
    public Optional<StatusReport> status(String msgId) throws EkaseException {
        return observed(() -> ekase.status(msgId));
    }

    @Override
    public AccountReport accountReport(String iban, ReportWindow window) throws EkaseException {
        return observed(() -> ekase.accountReport(iban, window));
    }

    @Override
    public AccountReport statement(String iban, LocalDate day) throws EkaseException {
        return observed(() -> ekase.statement(iban, day));
    }

    @Override
    public AccountReport notifications(long cursor) throws EkaseException {
        return observed(() -> ekase.notifications(cursor));
    }

    private <T> T observed(Exchange<T> exchange) throws EkaseException {
        try {
            T answer = exchange.call();
            answered();
            return answer;
        } catch (EkaseException e) {
            if (e.code() == EkaseException.Code.NOT_FOUND) {
                answered();
            } else {
                failed(e);
            }
            throw e;
        }
    }

    private void answered() {
        failuresInARow.set(0);
        reporter.ok("answering");
    }

    private void failed(EkaseException e) {
        int n = failuresInARow.incrementAndGet();
        String why = e.code() + ": " + e.getMessage() + (n > 1 ? " (" + n + " failures in a row)" : "");
        boolean lasting = !e.code().transientFailure() && e.code() != EkaseException.Code.REFUSED;
        if (lasting || n >= FAILED_AFTER) {
            reporter.failed(why);
        } else {
            reporter.degraded(why);
        }
    }

    @Override
    public void close() {
        ekase.close();
    }
}
