package lv.sargs.gateway.lookup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import lv.sargs.gateway.logging.RateLimitedWarning;
import lv.sargs.gateway.metrics.Metrics;

/**
 * What each client's lookups spent on register fees today (the Europe/Riga calendar day), checked
 * against its daily budget before a paid register call: a call that would take the client past
 * its budget is refused; an accepted one is recorded durably (synced, in batches, on the writer)
 * before the register is asked, so neither a restart nor a {@code kill -9} gives the money back.
 */
public final class FeeBudgets implements AutoCloseable {

    /** The zone whose calendar day a budget covers: the bank's. */
    public static final ZoneId DAY_ZONE = ZoneId.of("Europe/Riga");

    private static final CompletableFuture<Void> RECORDED = CompletableFuture.completedFuture(null);
    private static final Charged FREE = new Charged("", null, 0, RECORDED);

    private final FeeSpendStore store;
    private final Executor writer;
    private final Clock clock;
    private final Metrics metrics;
    private final ConcurrentHashMap<String, Spend> spends = new ConcurrentHashMap<>();
    private final List<Consumer<Refused>> refusalListeners = new CopyOnWriteArrayList<>();
    private final RateLimitedWarning storeWarning = new RateLimitedWarning(Duration.ofSeconds(60));
    private final Object pendingLock = new Object();
    private Set<String> pendingClients = new LinkedHashSet<>();
    private List<CompletableFuture<Void>> waiting = new ArrayList<>();
    private boolean draining;

    /** The outcome of asking to spend a fee: {@link Charged} or {@link Refused}. */
    public sealed interface Charge permits Charged, Refused {
    }

    /**
     * A fee counted against the client's day; the register may be asked once {@code recorded}
     * completes (it fails only when the store could not sync, which is logged and not held against the call).
     */
    public record Charged(String client, LocalDate day, long feeCents, CompletableFuture<Void> recorded)
            implements Charge {
    }

    /**
     * A fee refused: {@code spentCents} of {@code budgetCents} are spent on {@code day}, and the
     * call would cost {@code feeCents}; the budget renews in {@code retryAfterSeconds}.
     */
    public record Refused(String client, LocalDate day, long spentCents, long budgetCents, long feeCents,
                          long retryAfterSeconds) implements Charge {
    }

    private FeeBudgets(FeeSpendStore store, Executor writer, Clock clock, Metrics metrics) {
        this.store = store;
        this.writer = writer;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Budgets recorded in the encrypted store {@code file} (created when missing), with today's
     * spend read back from it.
     *
     * @param writer runs the store's syncs, one at a time (a single thread of its own)
     * @param clock the wall clock whose Riga date selects the day
     * @throws lv.sargs.gateway.cache.CacheException when the file cannot be opened with {@code key}
     */
    public static FeeBudgets open(java.nio.file.Path file, char[] key, Executor writer, Clock clock, Metrics metrics) {
        return open(FeeSpendStore.open(file, key), writer, clock, metrics);
    }

    private static FeeBudgets open(FeeSpendStore store, Executor writer, Clock clock, Metrics metrics) {
        FeeBudgets budgets = new FeeBudgets(store, writer, clock, metrics);
        LocalDate today = budgets.today();
        store.load(today).forEach((client, cents) -> {
            Spend s = budgets.spend(client);
            synchronized (s) {
                s.day = today;
                s.cents = cents;
            }
        });
        return budgets;
    }

    /** Hands each refusal to {@code listener} as well (the audit trail's tally); it must not block. */
    public void onRefusal(Consumer<Refused> listener) {
        refusalListeners.add(listener);
    }

    /**
     * Counts {@code feeCents} against {@code client}'s day unless that takes it past {@code budgetCents}
     * (negative: no bound, the spend is still counted). Free calls and requests of no declared client
     * are not counted.
     */
    public Charge charge(String client, long budgetCents, long feeCents) {
        if (feeCents <= 0 || client.isEmpty()) {
            return FREE;
        }
        LocalDate today = today();
        Spend s = spend(client);
        Refused refused = null;
        synchronized (s) {
            s.rollTo(today);
            if (budgetCents >= 0 && s.cents + feeCents > budgetCents) {
                refused = new Refused(client, today, s.cents, budgetCents, feeCents, secondsToNextDay());
            } else {
                s.cents += feeCents;
            }
        }
        if (refused != null) {
            s.refusals.increment();
            for (Consumer<Refused> l : refusalListeners) {
                l.accept(refused);
            }
            return refused;
        }
        return new Charged(client, today, feeCents, persist(client));
    }

    /** Gives back a charge whose call was never made (someone else's call was already under way). */
    public void refund(Charged charge) {
        if (charge.feeCents() <= 0) {
            return;
        }
        Spend s = spend(charge.client());
        synchronized (s) {
            if (!charge.day().equals(s.day)) {
                return;
            }
            s.cents = Math.max(0, s.cents - charge.feeCents());
        }
        persist(charge.client());
    }

    /** What {@code client} spent today, euro cents. */
    public long spentToday(String client) {
        Spend s = spends.get(client);
        if (s == null) {
            return 0;
        }
        synchronized (s) {
            return today().equals(s.day) ? s.cents : 0;
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), DAY_ZONE);
    }

    private long secondsToNextDay() {
        Instant now = clock.instant();
        Instant next = LocalDate.ofInstant(now, DAY_ZONE).plusDays(1).atStartOfDay(DAY_ZONE).toInstant();
        return Math.max(1, (Duration.between(now, next).toMillis() + 999) / 1000);
    }

    private Spend spend(String client) {
        Spend s = spends.get(client);
        return s != null ? s : spends.computeIfAbsent(client, Spend::new);
    }

    /** Queues {@code client}'s current spend for the writer; completes once synced. */
    private CompletableFuture<Void> persist(String client) {
        CompletableFuture<Void> recorded = new CompletableFuture<>();
        boolean start;
        synchronized (pendingLock) {
            pendingClients.add(client);
            waiting.add(recorded);
            start = !draining;
            draining = true;
        }
        if (start) {
            try {
                writer.execute(this::drain);
            } catch (RejectedExecutionException e) {
                synchronized (pendingLock) {
                    draining = false;
                }
                failed(take(), e);
            }
        }
        return recorded;
    }

    /** Writes everything queued, one sync per batch: the calls waiting meanwhile ride along on the next. */
    private void drain() {
        while (true) {
            Batch batch;
            synchronized (pendingLock) {
                if (pendingClients.isEmpty()) {
                    draining = false;
                    return;
                }
                batch = take();
            }
            try {
                Map<LocalDate, Map<String, Long>> byDay = new HashMap<>();
                for (String client : batch.clients()) {
                    Spend s = spend(client);
                    synchronized (s) {
                        if (s.day != null) {
                            byDay.computeIfAbsent(s.day, d -> new HashMap<>()).put(client, s.cents);
                        }
                    }
                }
                byDay.forEach(store::save);
                batch.waiting().forEach(f -> f.complete(null));
            } catch (RuntimeException e) {
                failed(batch, e);
            }
        }
    }

    private Batch take() {
        synchronized (pendingLock) {
            Batch b = new Batch(pendingClients, waiting);
            pendingClients = new LinkedHashSet<>();
            waiting = new ArrayList<>();
            return b;
        }
    }

    private void failed(Batch batch, Exception e) {
        storeWarning.warn("fee spend of {} not synced ({}); the budgets hold in memory, but a restart now would"
                + " forget these fees", batch.clients(), e.toString());
        batch.waiting().forEach(f -> f.completeExceptionally(e));
    }

    /** Stops recording; call after the writer has finished. */
    @Override
    public void close() {
        store.close();
    }

    private record Batch(Set<String> clients, List<CompletableFuture<Void>> waiting) {
    }

    /** One client's spend on its current day, with its metrics; guarded by its own monitor. */
    private final class Spend {
        LocalDate day;
        long cents;
        final Metrics.Counter refusals;

        Spend(String client) {
            String labels = "client=\"" + client + "\"";
            refusals = metrics.counter("sargs_fee_budget_refusals_total",
                    "Paid register calls refused because the client's daily fee budget was spent.", labels);
            metrics.gauge("sargs_fee_budget_spent_cents", "Register fees the client's lookups caused today"
                    + " (Europe/Riga day), euro cents.", labels, () -> spentToday(client));
        }

        void rollTo(LocalDate today) {
            if (!today.equals(day)) {
                day = today;
                cents = 0;
            }
        }
    }
}
