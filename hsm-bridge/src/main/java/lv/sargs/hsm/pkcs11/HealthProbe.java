package lv.sargs.hsm.pkcs11;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import lv.sargs.hsm.TokenHealth;
import org.tinylog.Logger;

/**
 * Watches one token on its own thread: every interval (and at once when an operation reports a
 * token-level error) it asks {@link Check} what is wrong; while something is, the health says so
 * and each tick tries {@link Check#recover()}; listeners hear every change.
 */
final class HealthProbe implements AutoCloseable {

    /** What the probe asks of the token. */
    interface Check {
        /** Null when the token is usable, else what is wrong (naming no secret). */
        String problem();

        /** Tries to make the token usable again (re-open, re-login); null on success, else why not. */
        String recover();
    }

    private final String tokenName;
    private final Check check;
    private final ScheduledExecutorService thread;
    private final List<Consumer<TokenHealth>> listeners = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicBoolean lookPending = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile TokenHealth health;

    HealthProbe(String tokenName, Check check, Duration interval) {
        this.tokenName = tokenName;
        this.check = check;
        this.health = new TokenHealth(true, "ok", Instant.now());
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hsm-probe " + tokenName);
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        thread.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    TokenHealth health() {
        return health;
    }

    void onChange(Consumer<TokenHealth> listener) {
        listeners.add(listener);
    }

    /** An operation saw a token-level error: look now rather than at the next tick. */
    void suspect() {
        if (!lookPending.compareAndSet(false, true)) {
            return; // a burst of failing operations asks for one look, not one each
        }
        try {
            thread.execute(() -> {
                lookPending.set(false);
                tick();
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // Closing; the token fails everything with CLOSED anyway.
        }
    }

    private void tick() {
        try {
            String problem = check.problem();
            if (problem == null) {
                if (!health.usable()) {
                    change(true, "ok");
                }
                return;
            }
            if (health.usable()) {
                change(false, tokenName + ": " + problem);
            }
            String stillWrong = check.recover();
            if (stillWrong == null) {
                Logger.info("{}: recovered", tokenName);
                change(true, "ok");
            } else {
                // Tell the operator why it does not come back, once per distinct reason.
                String reason = tokenName + ": " + problem + "; not recovered: " + stillWrong;
                if (!reason.equals(health.reason())) {
                    change(false, reason);
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // The probe must keep running whatever the library does; report and try again next tick.
            Logger.warn(e, "{}: health probe failed", tokenName);
            if (health.usable()) {
                change(false, tokenName + ": health probe failed: " + e);
            }
        }
    }

    private void change(boolean usable, String reason) {
        TokenHealth previous = health;
        // A new reason for the same state keeps the time the state began.
        Instant since = previous.usable() == usable ? previous.since() : Instant.now();
        TokenHealth next = new TokenHealth(usable, reason, since);
        health = next;
        if (usable) {
            Logger.info("{}: usable", tokenName);
        } else {
            Logger.error("{}", reason);
        }
        for (Consumer<TokenHealth> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                Logger.error(e, "{}: health listener failed", tokenName);
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
