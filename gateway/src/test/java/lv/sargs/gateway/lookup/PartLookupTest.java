package lv.sargs.gateway.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import lv.sargs.gateway.cache.AnswerCache;
import lv.sargs.gateway.cache.Freshness;
import lv.sargs.gateway.metrics.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartLookupTest {

    private static final Freshness DAY = new Freshness(Duration.ofHours(24), Duration.ofMinutes(5), Duration.ofHours(1));
    private static final long HOUR = Duration.ofHours(1).toMillis();

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final Metrics metrics = new Metrics();
    private ScheduledExecutorService timer;
    private AnswerCache cache;
    private PartLookup lookup;

    @BeforeEach
    void open() {
        timer = Executors.newSingleThreadScheduledExecutor();
        cache = AnswerCache.open(dir.resolve("c.mv.db"), "k".repeat(64).toCharArray(), 1000, 100, 1000);
        lookup = new PartLookup(cache, timer, clock::get, System::nanoTime, metrics);
    }

    @AfterEach
    void close() {
        cache.close();
        timer.shutdownNow();
    }

    private static LookupRequest within(Duration budget) {
        return new LookupRequest(-1, false, System.nanoTime() + budget.toNanos());
    }

    private static String text(PartOutcome o) {
        return new String(o.answer().body(), StandardCharsets.UTF_8);
    }

    @Test
    void servesAFreshCachedAnswerWithoutCallingTheRegister() {
        ScriptedRegister register = new ScriptedRegister(id -> ScriptedRegister.found("{\"v\":1}"));
        assertEquals(PartOutcome.Status.FETCHED, lookup.lookup(register, DAY, "40003521600", within(Duration.ofSeconds(3))).join().status());
        clock.addAndGet(23 * HOUR);

        PartOutcome second = lookup.lookup(register, DAY, "40003521600", within(Duration.ofSeconds(3))).join();

        assertEquals(PartOutcome.Status.HIT, second.status());
        assertEquals("{\"v\":1}", text(second));
        assertEquals(1, register.calls.get());
    }

    @Test
    void hundredConcurrentIdenticalMissesMakeOneRegisterCallAndPayOneFee() {
        CompletableFuture<Fetched> slow = new CompletableFuture<>();
        ScriptedRegister register = new ScriptedRegister(id -> slow);
        List<CompletableFuture<PartOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            outcomes.add(lookup.lookup(register, DAY, "40003521600", within(Duration.ofSeconds(3))));
        }
        slow.complete(new Fetched.Found("{}".getBytes(StandardCharsets.UTF_8)));

        outcomes.forEach(o -> assertEquals(PartOutcome.Status.FETCHED, o.join().status()));
        assertEquals(1, register.calls.get());
        StringBuilder text = new StringBuilder();
        metrics.writePrometheus(text);
        assertTrue(text.toString().contains("sargs_register_fees_cents_total{source=\"viss\",class=\"legal-entity\"} 15"), text.toString());
        assertTrue(text.toString().contains("sargs_register_calls_saved_total{source=\"viss\",class=\"legal-entity\"} 99"), text.toString());
    }

    @Test
    void aStalledRegisterYieldsTheStaleAnswerAtTheDeadline() {
        ScriptedRegister register = new ScriptedRegister(id -> ScriptedRegister.found("{\"v\":\"old\"}"));
        lookup.lookup(register, DAY, "x", within(Duration.ofSeconds(3))).join();
        clock.addAndGet(24 * HOUR + 1);
        register.answer = id -> new CompletableFuture<>();

        PartOutcome outcome = lookup.lookup(register, DAY, "x", within(Duration.ofMillis(200))).join();

        assertEquals(PartOutcome.Status.STALE, outcome.status());
        assertEquals("register-timeout", outcome.detail());
        assertEquals("{\"v\":\"old\"}", text(outcome));
    }

    @Test
    void aStalledRegisterWithNothingCachedTimesOutNoLaterThanTheDeadline() throws Exception {
        ScriptedRegister register = new ScriptedRegister(id -> new CompletableFuture<>());
        long start = System.nanoTime();

        PartOutcome outcome = lookup.lookup(register, DAY, "x", within(Duration.ofMillis(300))).get(5, TimeUnit.SECONDS);

        assertEquals(PartOutcome.Status.TIMED_OUT, outcome.status());
        assertFalse(outcome.hasAnswer());
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(290).toNanos(), "settled before its deadline");
    }

    @Test
    void aRegisterThatGivesUpAtItsOwnDeadlineIsATimeoutNotAFailure() {
        ScriptedRegister register = new ScriptedRegister(id -> CompletableFuture.failedFuture(
                new RegisterTimeoutException("upstream 'viss' DEADLINE_EXCEEDED in RESPONSE", null)));

        PartOutcome outcome = lookup.lookup(register, DAY, "x", within(Duration.ofSeconds(3))).join();

        assertEquals(PartOutcome.Status.TIMED_OUT, outcome.status());
    }

    @Test
    void anAnswerArrivingAfterTheDeadlineStillFillsTheCache() {
        CompletableFuture<Fetched> late = new CompletableFuture<>();
        ScriptedRegister register = new ScriptedRegister(id -> late);
        assertEquals(PartOutcome.Status.TIMED_OUT,
                lookup.lookup(register, DAY, "x", within(Duration.ofMillis(50))).join().status());

        late.complete(new Fetched.Found("{\"v\":2}".getBytes(StandardCharsets.UTF_8)));

        PartOutcome next = lookup.lookup(register, DAY, "x", within(Duration.ofSeconds(3))).join();
        assertEquals(PartOutcome.Status.HIT, next.status());
        assertEquals(1, register.calls.get());
    }

    @Test
    void aFailingRegisterServesStaleWhenAllowedAndUnavailableOtherwise() {
        ScriptedRegister register = new ScriptedRegister(id -> ScriptedRegister.found("{\"v\":1}"));
        lookup.lookup(register, DAY, "cached", within(Duration.ofSeconds(3))).join();
        clock.addAndGet(24 * HOUR + 1);
        register.answer = id -> CompletableFuture.failedFuture(new IllegalStateException("viss answered 503"));

        assertEquals(PartOutcome.Status.STALE, lookup.lookup(register, DAY, "cached", within(Duration.ofSeconds(3))).join().status());
        PartOutcome none = lookup.lookup(register, DAY, "never-seen", within(Duration.ofSeconds(3))).join();
        assertEquals(PartOutcome.Status.UNAVAILABLE, none.status());
        assertEquals("viss answered 503", none.detail());

        clock.addAndGet(HOUR);
        assertEquals(PartOutcome.Status.UNAVAILABLE,
                lookup.lookup(register, DAY, "cached", within(Duration.ofSeconds(3))).join().status(),
                "past the stale-if-error window");
    }

    @Test
    void aNotFoundIsBelievedForTheNegativeTtlOnly() {
        ScriptedRegister register = new ScriptedRegister(id -> CompletableFuture.completedFuture(new Fetched.NotFound()));
        PartOutcome first = lookup.lookup(register, DAY, "40000000000", within(Duration.ofSeconds(3))).join();
        assertTrue(first.answer().negative());
        assertEquals(PartOutcome.Status.HIT, lookup.lookup(register, DAY, "40000000000", within(Duration.ofSeconds(3))).join().status());

        clock.addAndGet(Duration.ofMinutes(5).toMillis());
        lookup.lookup(register, DAY, "40000000000", within(Duration.ofSeconds(3))).join();
        assertEquals(2, register.calls.get());
    }

    @Test
    void aClientsMaxAgeOrFreshDemandGoesToTheRegister() {
        ScriptedRegister register = new ScriptedRegister(id -> ScriptedRegister.found("{}"));
        lookup.lookup(register, DAY, "x", within(Duration.ofSeconds(3))).join();
        clock.addAndGet(HOUR);

        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        assertEquals(PartOutcome.Status.HIT, lookup.lookup(register, DAY, "x", new LookupRequest(7200, false, deadline)).join().status());
        assertEquals(PartOutcome.Status.FETCHED, lookup.lookup(register, DAY, "x", new LookupRequest(60, false, deadline)).join().status());
        assertEquals(PartOutcome.Status.FETCHED, lookup.lookup(register, DAY, "x", new LookupRequest(-1, true, deadline)).join().status());
        assertEquals(3, register.calls.get());
    }
}
