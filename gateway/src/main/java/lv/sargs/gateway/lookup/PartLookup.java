package lv.sargs.gateway.lookup;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import lv.sargs.gateway.cache.AnswerCache;
import lv.sargs.gateway.cache.CachedAnswer;
import lv.sargs.gateway.cache.Freshness;
import lv.sargs.gateway.cache.SingleFlight;
import lv.sargs.gateway.metrics.Metrics;

/**
 * Settles one part of an answer within its deadline: a fresh cached answer when the client
 * accepts it; otherwise one register call shared by everyone asking for the same subject (its fee
 * paid once), falling back to a stale answer, or to a timed-out outcome, when the register fails
 * or is still busy at the deadline. A register answer that arrives after the deadline still fills
 * the cache, so the fee is never paid in vain. The client that makes a call pays its fee out of
 * its daily budget; those who join a call under way pay nothing.
 */
public final class PartLookup {

    private final AnswerCache cache;
    private final SingleFlight<String, CachedAnswer> flight = new SingleFlight<>();
    private final ScheduledExecutorService timer;
    private final LongSupplier clockMillis;
    private final LongSupplier nanoTime;
    private final Metrics metrics;
    private final Map<RegisterPart, Counters> counters = new ConcurrentHashMap<>();
    private final FeeBudgets budgets;
    private static final CompletableFuture<Void> RECORDED = CompletableFuture.completedFuture(null);

    /**
     * @param timer a scheduler for budget timeouts; its tasks only complete futures
     * @param clockMillis wall clock for freshness (epoch ms)
     * @param nanoTime the monotonic clock deadlines are expressed in
     */
    public PartLookup(AnswerCache cache, ScheduledExecutorService timer, LongSupplier clockMillis,
                      LongSupplier nanoTime, Metrics metrics) {
        this(cache, timer, clockMillis, nanoTime, metrics, null);
    }

    /**
     * @param budgets charges each paid register call to the client that causes it, and refuses one
     *     past the client's daily fee budget; null counts no client's fees
     */
    public PartLookup(AnswerCache cache, ScheduledExecutorService timer, LongSupplier clockMillis,
                      LongSupplier nanoTime, Metrics metrics, FeeBudgets budgets) {
        this.budgets = budgets;
        this.cache = cache;
        this.timer = timer;
        this.clockMillis = clockMillis;
        this.nanoTime = nanoTime;
        this.metrics = metrics;
    }

    /**
     * Settles {@code part} for subject {@code id} by the deadline; the future fails only with a
     * {@link FeeBudgetExhaustedException}, when the call it needs is past the client's fee budget
     * and nothing usable is cached.
     */
    public CompletableFuture<PartOutcome> lookup(RegisterPart part, Freshness freshness, String id, LookupRequest request) {
        String key = part.key().cacheKey(id);
        long now = clockMillis.getAsLong();
        Optional<CachedAnswer> cached = cache.get(key);
        if (cached.isPresent() && servable(cached.get(), request, now)) {
            counters(part).saved(part.feeCents());
            return CompletableFuture.completedFuture(new PartOutcome(PartOutcome.Status.HIT, cached.get(), false, ""));
        }

        CachedAnswer fallback = cached.filter(a -> a.isUsableStale(now) && !a.negative()).orElse(null);
        // Joining a call already under way costs nothing, so only a would-be leader is charged.
        CompletableFuture<CachedAnswer> call = flight.underWay(key);
        boolean collapsed = call != null;
        if (call == null) {
            FeeBudgets.Charge charge = budgets == null ? null
                    : budgets.charge(request.client(), request.dailyFeeBudgetCents(), part.feeCents());
            if (charge instanceof FeeBudgets.Refused refused) {
                // Stale data where the register's failure would have served it too; otherwise the refusal.
                return fallback != null
                        ? CompletableFuture.completedFuture(new PartOutcome(PartOutcome.Status.STALE, fallback, false,
                                FeeBudgetExhaustedException.CODE))
                        : CompletableFuture.failedFuture(new FeeBudgetExhaustedException(refused, part));
            }
            boolean[] started = {false};
            call = flight.run(key, () -> {
                started[0] = true;
                counters(part).paid(part.feeCents());
                // A budget's spend is on disk before the register is asked, so no crash renews it; a store that
                // cannot sync does not stop lookups. A client without a budget has nothing a crash could
                // renew: its spend (for the metrics) is synced beside the call, not before it, which keeps
                // the sync (one per batch, milliseconds on a busy disk) off the miss path.
                CompletableFuture<Void> recorded = charge instanceof FeeBudgets.Charged c
                        && request.dailyFeeBudgetCents() >= 0 ? c.recorded() : RECORDED;
                return recorded.exceptionally(e -> null).thenCompose(v -> part.fetch(id, request.deadlineNanos()))
                        .thenApply(fetched -> {
                            CachedAnswer entry = fetched instanceof Fetched.Found found
                                    ? freshness.entry(found.json(), part.source(), false, clockMillis.getAsLong())
                                    : freshness.entry(new byte[0], part.source(), true, clockMillis.getAsLong());
                            cache.put(key, entry);
                            return entry;
                        });
            });
            collapsed = !started[0];
            if (collapsed && charge instanceof FeeBudgets.Charged c) {
                // Someone else's call started between the look and the run: theirs is the one paid.
                budgets.refund(c);
            }
        }
        if (collapsed) {
            counters(part).saved(part.feeCents());
        }
        boolean shared = collapsed;
        CompletableFuture<PartOutcome> outcome = new CompletableFuture<>();
        call.whenComplete((entry, error) -> {
            if (error == null) {
                outcome.complete(new PartOutcome(PartOutcome.Status.FETCHED, entry, shared, ""));
            } else if (isTimeout(error)) {
                outcome.complete(fallback != null
                        ? new PartOutcome(PartOutcome.Status.STALE, fallback, shared, "register-timeout")
                        : new PartOutcome(PartOutcome.Status.TIMED_OUT, null, shared, "register-timeout"));
            } else if (fallback != null) {
                outcome.complete(new PartOutcome(PartOutcome.Status.STALE, fallback, shared, "register-error"));
            } else {
                outcome.complete(new PartOutcome(PartOutcome.Status.UNAVAILABLE, null, shared, describe(error)));
            }
        });
        long remaining = request.deadlineNanos() - nanoTime.getAsLong();
        ScheduledFuture<?> budget = timer.schedule(() -> outcome.complete(fallback != null
                ? new PartOutcome(PartOutcome.Status.STALE, fallback, shared, "register-timeout")
                : new PartOutcome(PartOutcome.Status.TIMED_OUT, null, shared, "register-timeout")),
                Math.max(0, remaining), TimeUnit.NANOSECONDS);
        outcome.whenComplete((o, e) -> budget.cancel(false));
        return outcome;
    }

    /**
     * Whether {@link #lookup} would settle the part cached under {@code cacheKey} as a hit with
     * exactly {@code expected}: the cache still holds that entry and it is servable to
     * {@code request} at {@code nowMillis}. Counts nothing; see {@link #countHit}.
     */
    boolean stillHit(String cacheKey, CachedAnswer expected, LookupRequest request, long nowMillis) {
        return cache.get(cacheKey).orElse(null) == expected && servable(expected, request, nowMillis);
    }

    /** Counts one hit of {@code part} (a register call and its fee saved), as {@link #lookup} does for a hit. */
    void countHit(RegisterPart part) {
        counters(part).saved(part.feeCents());
    }

    private static boolean servable(CachedAnswer a, LookupRequest request, long now) {
        if (request.fresh() || !a.isFresh(now)) {
            return false;
        }
        return request.maxAgeSeconds() < 0 || a.ageSeconds(now) <= request.maxAgeSeconds();
    }

    private static boolean isTimeout(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return cause instanceof RegisterTimeoutException;
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private Counters counters(RegisterPart part) {
        Counters c = counters.get(part);
        return c != null ? c : counters.computeIfAbsent(part, p -> new Counters(metrics, p));
    }

    /** The four cost counters of one part, resolved once so the hit path only increments. */
    private static final class Counters {
        final Metrics.Counter calls;
        final Metrics.Counter fees;
        final Metrics.Counter saved;
        final Metrics.Counter savedFees;

        Counters(Metrics metrics, RegisterPart part) {
            String labels = "source=\"" + part.source() + "\",class=\"" + part.dataClass() + "\"";
            calls = metrics.counter("sargs_register_calls_total", "Register calls made (each paid).", labels);
            fees = metrics.counter("sargs_register_fees_cents_total", "Register fees spent, euro cents.", labels);
            saved = metrics.counter("sargs_register_calls_saved_total",
                    "Register calls the cache or a shared call made unnecessary.", labels);
            savedFees = metrics.counter("sargs_register_fees_saved_cents_total",
                    "Register fees the cache or a shared call saved, euro cents.", labels);
        }

        void paid(long cents) {
            calls.increment();
            fees.add(cents);
        }

        void saved(long cents) {
            saved.increment();
            savedFees.add(cents);
        }
    }
}
