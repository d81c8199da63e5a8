package lv.sargs.gateway.treasury;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import lv.sargs.gateway.threads.ThreadPools;
import lv.sargs.gateway.text.ClientValues;
import lv.sargs.gateway.treasury.ekase.EkaseAdapter;
import lv.sargs.gateway.treasury.ekase.EkaseException;
import lv.sargs.gateway.treasury.ekase.StatusReport;
import lv.sargs.gateway.treasury.ekase.SubmitResult;
import org.tinylog.Logger;

/**
 * Drives stored payments to eKase on its own thread, exactly once: SUBMITTING is persisted before
 * the pain.001 leaves, and a payment found SUBMITTING (a crash, or a failed exchange) is first
 * looked up at eKase by MsgId and sent only if eKase never received it. Sent payments are polled
 * until booked or rejected; every status change is persisted before the next step.
 */
final class PaymentSubmitter implements AutoCloseable {

    private final PaymentStore store;
    private final EkaseAdapter ekase;
    private final Clock clock;
    private final TreasurySettings settings;
    private final PaymentSteps steps;
    private final ScheduledExecutorService thread;
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    /** Polls in a row that found no new status, per payment: the poll interval doubles with each. */
    private final Map<String, Integer> quietPolls = new ConcurrentHashMap<>();

    PaymentSubmitter(PaymentStore store, EkaseAdapter ekase, Clock clock, TreasurySettings settings, PaymentSteps steps) {
        this.store = store;
        this.ekase = ekase;
        this.clock = clock;
        this.settings = settings;
        this.steps = steps;
        ScheduledThreadPoolExecutor single = new ScheduledThreadPoolExecutor(1,
                ThreadPools.threadFactory("treasury-submitter", true));
        // Work scheduled for later is dropped at close: it resumes from the store at the next start.
        single.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.thread = single;
    }

    /** Picks up every payment a previous run left unfinished. */
    void resume() {
        for (Payment p : store.unfinished()) {
            Logger.info("treasury: resuming {}", p);
            schedule(p.id(), Duration.ZERO);
        }
    }

    /** Starts work on a newly stored payment. */
    void submit(String paymentId) {
        schedule(paymentId, Duration.ZERO);
    }

    private void schedule(String id, Duration delay) {
        try {
            thread.schedule(() -> advance(id), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            Logger.info("treasury: submitter closed; payment {} resumes at the next start", id);
        }
    }

    private void advance(String id) {
        Optional<Payment> found = store.get(id);
        if (found.isEmpty() || found.get().state().terminal()) {
            return;
        }
        Payment p = found.get();
        try {
            switch (p.state()) {
                case STORED -> {
                    steps.reached(PaymentSteps.Step.STORED, p);
                    send(record(p, PaymentState.SUBMITTING, null, null, "sending to eKase"));
                }
                case SUBMITTING -> reconcileThenSend(p);
                default -> poll(p);
            }
            failures.remove(id);
        } catch (EkaseException e) {
            onFailure(p, e);
        } catch (TreasuryException e) {
            int n = failures.merge(id, 1, Integer::sum);
            Logger.error(e, "treasury: {} could not be persisted; retry {}", p, n);
            schedule(id, backoff(n));
        }
    }

    private void send(Payment p) throws EkaseException {
        steps.reached(PaymentSteps.Step.SENDING, p);
        SubmitResult result = ekase.submit(p.pain001(), p.msgId());
        steps.reached(PaymentSteps.Step.SENT, p);
        apply(p, result.report(), result.duplicate() ? "eKase already had this MsgId" : "received by eKase");
    }

    private void reconcileThenSend(Payment p) throws EkaseException {
        Optional<StatusReport> known = ekase.status(p.msgId());
        if (known.isPresent()) {
            Logger.info("treasury: {} reconciled: eKase has it as {}", p, known.get().status());
            apply(p, known.get(), "reconciled with eKase");
        } else {
            Logger.info("treasury: {} never reached eKase; sending it", p);
            send(p);
        }
    }

    private void poll(Payment p) throws EkaseException {
        Optional<StatusReport> known = ekase.status(p.msgId());
        if (known.isEmpty()) {
            // eKase acknowledged this MsgId before; sending again could pay twice, so only ask again.
            Logger.error("treasury: eKase does not know MsgId {} of {}, which it acknowledged; asking again later",
                    p.msgId(), p);
            schedule(p.id(), settings.retryMax());
            return;
        }
        apply(p, known.get(), null);
    }

    private void apply(Payment p, StatusReport report, String detail) {
        PaymentState next = PaymentState.ofIsoStatus(report.status());
        boolean moved = next != p.state() && (next.terminal() || next.ordinal() > p.state().ordinal());
        boolean newStatus = !Objects.equals(report.status(), p.last().isoStatus());
        Payment current = p;
        if (moved || (newStatus && next == p.state())) {
            current = p.with(new StatusChange(clock.instant(), moved ? next : p.state(), report.status(),
                    report.reasonCode(), report.reasonText() != null ? report.reasonText() : detail), report.xml());
            store.update(current);
        }
        if (!current.state().terminal()) {
            int quiet = current == p ? quietPolls.merge(p.id(), 1, Integer::sum) : 0;
            if (quiet == 0) {
                quietPolls.remove(p.id());
            }
            schedule(current.id(), pollDelay(quiet));
        } else {
            quietPolls.remove(p.id());
            Logger.info("treasury: {} final{}", current,
                    current.last().reasonCode() == null ? "" : " (" + current.last().reasonCode() + ")");
        }
    }

    private Payment record(Payment p, PaymentState state, String iso, String reason, String detail) {
        Payment next = p.with(new StatusChange(clock.instant(), state, iso, reason, detail));
        store.update(next);
        return next;
    }

    private void onFailure(Payment loaded, EkaseException e) {
        // The step may have moved the payment on (STORED to SUBMITTING) before eKase failed.
        Payment p = store.get(loaded.id()).orElse(loaded);
        if (e.code() == EkaseException.Code.REFUSED && p.state() == PaymentState.SUBMITTING) {
            Logger.warn("treasury: eKase refused {}: {}", p, ClientValues.forText(e.getMessage()));
            try {
                record(p, PaymentState.REJECTED, "RJCT", null, e.getMessage());
                return;
            } catch (TreasuryException storeFailure) {
                Logger.error(storeFailure, "treasury: the refusal of {} could not be persisted", p);
            }
        }
        int n = failures.merge(p.id(), 1, Integer::sum);
        Duration wait = backoff(n);
        if (e.code().transientFailure()) {
            Logger.warn("treasury: {}: {}; retry {} in {} ms", p, ClientValues.forText(e.getMessage()), n, wait.toMillis());
        } else {
            Logger.error("treasury: {}: {}; retry {} in {} ms (operator action needed)", p, ClientValues.forText(e.getMessage()), n,
                    wait.toMillis());
        }
        schedule(p.id(), wait);
    }

    /** The poll interval after a change, doubling per quiet poll up to {@code retryMax} (a payment dated days ahead). */
    private Duration pollDelay(int quietPollsSoFar) {
        long millis = settings.pollInterval().toMillis() << Math.min(20, quietPollsSoFar);
        return Duration.ofMillis(Math.min(millis, Math.max(settings.retryMax().toMillis(), settings.pollInterval().toMillis())));
    }

    private Duration backoff(int failuresSoFar) {
        long millis = settings.retryMin().toMillis() << Math.min(20, failuresSoFar - 1);
        return Duration.ofMillis(Math.min(millis, settings.retryMax().toMillis()));
    }

    /**
     * Lets the step in progress finish (never interrupting it: an interrupt during a file write
     * closes the store's channel) and drops what was scheduled for later.
     *
     * @return whether the submitter stopped within {@code grace}
     */
    boolean close(Duration grace) {
        thread.shutdown();
        try {
            return thread.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (!close(Duration.ofSeconds(10))) {
            Logger.warn("treasury: the submitter's step in progress did not finish within 10 s");
        }
    }
}
