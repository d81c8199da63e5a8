package lv.sargs.gateway.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import lv.sargs.gateway.cache.AnswerCache;
import lv.sargs.gateway.cache.Freshness;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.testkit.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fee budget on the miss path: who makes a paid call pays, joiners and cache hits do not, past it refused. */
class PartLookupFeeBudgetTest {

    private static final Freshness DAY = new Freshness(Duration.ofHours(24), Duration.ofMinutes(5), Duration.ofHours(1));

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final Metrics metrics = new Metrics();
    private ScheduledExecutorService timer;
    private ExecutorService writer;
    private AnswerCache cache;
    private FeeBudgets budgets;
    private PartLookup lookup;

    @BeforeEach
    void open() {
        timer = Executors.newSingleThreadScheduledExecutor();
        writer = Executors.newSingleThreadExecutor();
        cache = AnswerCache.open(dir.resolve("c.mv.db"), "k".repeat(64).toCharArray(), 1000, 100, 1000);
        budgets = FeeBudgets.open(dir.resolve("fees.mv.db"), "f".repeat(64).toCharArray(), writer, clock, metrics);
        lookup = new PartLookup(cache, timer, () -> clock.instant().toEpochMilli(), System::nanoTime, metrics, budgets);
    }

    @AfterEach
    void close() throws InterruptedException {
        timer.shutdownNow();
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
        budgets.close();
        cache.close();
    }

    /** A request of {@code client} whose budget is {@code cents}. */
    private static LookupRequest by(String client, long cents) {
        return new LookupRequest(-1, false, System.nanoTime() + Duration.ofSeconds(3).toNanos(), client, cents);
    }

    @Test
    void pastTheBudgetANewSubjectIsRefusedButACachedOneIsStillServed() {
        ScriptedRegister register = new ScriptedRegister(id -> ScriptedRegister.found("{\"id\":\"" + id + "\"}"));
        assertEquals(PartOutcome.Status.FETCHED, lookup.lookup(register, DAY, "a", by("core-banking", 30)).join().status());
        assertEquals(PartOutcome.Status.FETCHED, lookup.lookup(register, DAY, "b", by("core-banking", 30)).join().status());

        CompletionException refused = assertThrows(CompletionException.class,
                () -> lookup.lookup(register, DAY, "c", by("core-banking", 30)).join());

        FeeBudgetExhaustedException e = assertInstanceOf(FeeBudgetExhaustedException.class, refused.getCause());
        assertEquals(30, e.refused().spentCents());
        assertEquals(30, e.refused().budgetCents());
        assertEquals(2, register.calls.get(), "the refused call was not made");
        assertEquals(PartOutcome.Status.HIT, lookup.lookup(register, DAY, "a", by("core-banking", 30)).join().status());
        assertEquals(PartOutcome.Status.FETCHED, lookup.lookup(register, DAY, "c", by("branch", 30)).join().status(),
                "another client's budget is its own");
    }

    @Test
    void pastTheBudgetAStaleAnswerIsServedWhereARegisterFailureWouldServeIt() {
        ScriptedRegister register = new ScriptedRegister(id -> ScriptedRegister.found("{\"v\":\"old\"}"));
        lookup.lookup(register, DAY, "a", by("core-banking", 15)).join();
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        // A new day: its budget spent on another subject.
        assertEquals(PartOutcome.Status.FETCHED, lookup.lookup(register, DAY, "b", by("core-banking", 15)).join().status());

        PartOutcome outcome = lookup.lookup(register, DAY, "a", by("core-banking", 15)).join();

        assertEquals(PartOutcome.Status.STALE, outcome.status());
        assertEquals("fee-budget-exhausted", outcome.detail());
        assertEquals("{\"v\":\"old\"}", new String(outcome.answer().body(), StandardCharsets.UTF_8));
        assertEquals(2, register.calls.get());
    }

    @Test
    void joinersOfACallUnderWayPayNothingAndAreNotRefused() {
        CompletableFuture<Fetched> slow = new CompletableFuture<>();
        ScriptedRegister register = new ScriptedRegister(id -> slow);
        CompletableFuture<PartOutcome> leader = lookup.lookup(register, DAY, "a", by("core-banking", 15));
        List<CompletableFuture<PartOutcome>> joiners = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            joiners.add(lookup.lookup(register, DAY, "a", by(i % 2 == 0 ? "core-banking" : "branch", 0)));
        }
        slow.complete(new Fetched.Found("{}".getBytes(StandardCharsets.UTF_8)));

        assertEquals(PartOutcome.Status.FETCHED, leader.join().status());
        joiners.forEach(j -> assertEquals(PartOutcome.Status.FETCHED, j.join().status()));
        assertEquals(1, register.calls.get());
        assertEquals(15, budgets.spentToday("core-banking"));
        assertEquals(0, budgets.spentToday("branch"));
    }

    @Test
    void aBudgetsSpendIsSyncedBeforeTheCallButAClientWithoutABudgetDoesNotWaitForTheSync() throws Exception {
        ScriptedRegister register = new ScriptedRegister(id -> ScriptedRegister.found("{}"));
        java.util.concurrent.CountDownLatch writerHeld = new java.util.concurrent.CountDownLatch(1);
        writer.execute(() -> {
            try {
                writerHeld.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        CompletableFuture<PartOutcome> unbounded = lookup.lookup(register, DAY, "a", by("core-banking", -1));
        assertEquals(1, register.calls.get(), "the call without a budget is made while its spend waits for the writer");
        CompletableFuture<PartOutcome> bounded = lookup.lookup(register, DAY, "b", by("branch", 1000));
        assertEquals(1, register.calls.get(), "the budget's call waits until its spend is synced");

        writerHeld.countDown();

        assertEquals(PartOutcome.Status.FETCHED, unbounded.join().status());
        assertEquals(PartOutcome.Status.FETCHED, bounded.join().status());
        assertEquals(2, register.calls.get());
        assertEquals(15, budgets.spentToday("core-banking"));
        assertEquals(15, budgets.spentToday("branch"));
    }

    @Test
    void aClientWithoutABudgetIsCountedButNeverRefused() {
        ScriptedRegister register = new ScriptedRegister(id -> ScriptedRegister.found("{}"));
        for (int i = 0; i < 5; i++) {
            lookup.lookup(register, DAY, "s" + i, by("core-banking", -1)).join();
        }
        assertEquals(75, budgets.spentToday("core-banking"));
    }
}
