package lv.sargs.gateway.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import lv.sargs.gateway.cache.CacheException;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.testkit.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Daily fee budgets: refused past the limit, renewed at Riga midnight, and kept across a restart. */
class FeeBudgetsTest {

    static final char[] KEY = "f".repeat(64).toCharArray();
    /** 23:59:30 in Riga on 2 December 2026 (UTC+2 in winter). */
    private static final Instant BEFORE_MIDNIGHT = Instant.parse("2026-12-02T21:59:30Z");

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(BEFORE_MIDNIGHT);
    private final Metrics metrics = new Metrics();
    private final ExecutorService writer = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws InterruptedException {
        writer.shutdown();
        assertTrue(writer.awaitTermination(5, TimeUnit.SECONDS));
    }

    private FeeBudgets open() {
        return FeeBudgets.open(dir.resolve("fees.mv.db"), KEY, writer, clock, metrics);
    }

    @Test
    void aCallPastTheBudgetIsRefusedWithSpentLimitAndTheSecondsToRigaMidnight() {
        try (FeeBudgets budgets = open()) {
            assertInstanceOf(FeeBudgets.Charged.class, budgets.charge("core-banking", 30, 15));
            assertInstanceOf(FeeBudgets.Charged.class, budgets.charge("core-banking", 30, 15));

            FeeBudgets.Refused refused = assertInstanceOf(FeeBudgets.Refused.class,
                    budgets.charge("core-banking", 30, 15));

            assertEquals(30, refused.spentCents());
            assertEquals(30, refused.budgetCents());
            assertEquals(15, refused.feeCents());
            assertEquals(LocalDate.of(2026, 12, 2), refused.day());
            assertEquals(30, refused.retryAfterSeconds());
            assertEquals(30, budgets.spentToday("core-banking"));
            assertInstanceOf(FeeBudgets.Charged.class, budgets.charge("branch", 30, 15), "budgets are per client");
            assertInstanceOf(FeeBudgets.Charged.class, budgets.charge("core-banking", 30, 0), "free calls always pass");
            assertTrue(prometheus().contains("sargs_fee_budget_refusals_total{client=\"core-banking\"} 1"), prometheus());
            assertTrue(prometheus().contains("sargs_fee_budget_spent_cents{client=\"core-banking\"} 30"), prometheus());
        }
    }

    @Test
    void theBudgetRenewsAtMidnightInRigaNotUtc() {
        try (FeeBudgets budgets = open()) {
            budgets.charge("core-banking", 15, 15);
            assertInstanceOf(FeeBudgets.Refused.class, budgets.charge("core-banking", 15, 15));

            clock.advance(Duration.ofSeconds(31));

            assertInstanceOf(FeeBudgets.Charged.class, budgets.charge("core-banking", 15, 15),
                    "00:00:01 in Riga is a new day although UTC is still on the old one");
        }
    }

    @Test
    void theSpendSurvivesARestartOnceRecorded() {
        try (FeeBudgets budgets = open()) {
            FeeBudgets.Charged charged = assertInstanceOf(FeeBudgets.Charged.class, budgets.charge("core-banking", 100, 60));
            charged.recorded().join();
        }
        try (FeeBudgets reopened = open()) {
            assertEquals(60, reopened.spentToday("core-banking"));
            assertInstanceOf(FeeBudgets.Refused.class, reopened.charge("core-banking", 100, 60),
                    "a restart does not hand the budget back");
        }
    }

    @Test
    void whatWasRecordedSurvivesKillMinus9() throws Exception {
        Path file = dir.resolve("fees.mv.db");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(javaBin, "-cp", classPath, FeeSpendChild.class.getName(), file.toString(), "7")
                .redirectErrorStream(true).start();
        String said;
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("recorded "));
            said = line;
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close of the store
            child.waitFor(10, TimeUnit.SECONDS);
        }
        assertEquals("recorded 105", said);

        FeeBudgets reopened = FeeBudgets.open(file, KEY, writer, Clock.systemUTC(), metrics);
        try (reopened) {
            assertEquals(105, reopened.spentToday("core-banking"));
        }
    }

    @Test
    void aRefundGivesBackACallNeverMade() {
        try (FeeBudgets budgets = open()) {
            FeeBudgets.Charged charged = (FeeBudgets.Charged) budgets.charge("core-banking", 15, 15);
            budgets.refund(charged);
            assertEquals(0, budgets.spentToday("core-banking"));
            assertInstanceOf(FeeBudgets.Charged.class, budgets.charge("core-banking", 15, 15));
        }
    }

    @Test
    void aStoreWrittenWithAnotherKeyIsNotOpened() {
        open().close();
        assertThrows(CacheException.class, () -> FeeBudgets.open(dir.resolve("fees.mv.db"),
                "g".repeat(64).toCharArray(), writer, clock, metrics));
    }

    private String prometheus() {
        StringBuilder out = new StringBuilder();
        metrics.writePrometheus(out);
        return out.toString();
    }
}
