package lv.sargs.gateway.listener;

import static lv.sargs.gateway.listener.ListenerFixture.CORE_BANKING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import lv.sargs.gateway.cache.AnswerCache;
import lv.sargs.gateway.cache.Freshness;
import lv.sargs.gateway.lookup.AnswerPart;
import lv.sargs.gateway.lookup.FeeBudgets;
import lv.sargs.gateway.lookup.Fetched;
import lv.sargs.gateway.lookup.LookupAudit;
import lv.sargs.gateway.lookup.LookupRoutes;
import lv.sargs.gateway.lookup.PartKey;
import lv.sargs.gateway.lookup.PartLookup;
import lv.sargs.gateway.lookup.RegisterPart;
import lv.sargs.gateway.lookup.SubjectLookup;
import lv.sargs.gateway.metrics.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lookup routes over a real listener with a daily fee budget of 0.15 EUR: the first company
 * costs the budget, a second is refused 429 {@code fee-budget-exhausted} naming the budget, what
 * was spent and the limit, with Retry-After at Riga midnight; the first is still served from the cache.
 */
class FeeBudgetRefusalTest {

    @TempDir
    Path dir;

    @Test
    void pastItsBudgetAClientGets429NamingTheBudgetWhileCachedAnswersAreStillServed() throws Exception {
        Metrics metrics = new Metrics();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        AtomicInteger calls = new AtomicInteger();
        RegisterPart viss = RegisterPart.of(new PartKey("viss", "legal-entity"), 15, (id, deadline) -> {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(new Fetched.Found(
                    ("{\"name\":\"SIA " + id + "\"}").getBytes(StandardCharsets.UTF_8)));
        });
        Freshness day = new Freshness(Duration.ofHours(24), Duration.ofMinutes(5), Duration.ofHours(1));
        try (AnswerCache cache = AnswerCache.open(dir.resolve("c.mv.db"), "k".repeat(64).toCharArray(), 100, 10, 100);
             FeeBudgets budgets = FeeBudgets.open(dir.resolve("fees.mv.db"), "f".repeat(64).toCharArray(), writer,
                     Clock.systemUTC(), metrics)) {
            PartLookup parts = new PartLookup(cache, timer, System::currentTimeMillis, System::nanoTime, metrics, budgets);
            SubjectLookup subjects = new SubjectLookup(parts, part -> day, System::currentTimeMillis, 10);
            LookupRoutes lookups = new LookupRoutes(subjects, List.of(AnswerPart.of("company", viss)),
                    List.of(AnswerPart.notConnected("person", "not in this test")), Duration.ofSeconds(3),
                    new LookupAudit() {
                        @Override
                        public boolean record(String requestId, String client, String route, String kind, String id,
                                              String purpose, int status) {
                            return true;
                        }

                        @Override
                        public void purposeRefused(String requestId, String client, String route, String purpose) {
                        }
                    }, new lv.sargs.gateway.metrics.LatencyHistogram());
            try (ListenerFixture f = new ListenerFixture(15, lookups::addTo);
                 TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
                assertEquals(200, lookup(client, "40003521600").status());

                TlsTestClient.Answer refused = lookup(client, "40003677732");

                ListenerAnswers.assertProblem(refused, 429, "fee-budget-exhausted");
                JsonNode problem = ListenerAnswers.problem(refused);
                assertEquals("0.15", problem.get("spentEur").asText());
                assertEquals("0.15", problem.get("limitEur").asText());
                assertEquals("0.15", problem.get("feeEur").asText());
                assertEquals("dailyFeeBudget of client core-banking", problem.get("budget").asText());
                assertEquals(LocalDate.now(ZoneId.of("Europe/Riga")).toString(), problem.get("day").asText());
                assertTrue(problem.get("detail").asText().contains("has spent 0.15 EUR of its daily fee budget of 0.15"
                        + " EUR"), problem.get("detail").asText());
                long retryAfter = Long.parseLong(refused.header("retry-after"));
                long toMidnight = Duration.between(Instant.now(), LocalDate.now(ZoneId.of("Europe/Riga")).plusDays(1)
                        .atStartOfDay(ZoneId.of("Europe/Riga"))).toSeconds();
                assertTrue(retryAfter >= toMidnight - 5 && retryAfter <= toMidnight + 5,
                        "Retry-After " + retryAfter + " s, midnight in Riga in " + toMidnight + " s");
                assertEquals(1, calls.get(), "the refused lookup asked no register");

                TlsTestClient.Answer cached = lookup(client, "40003521600");
                assertEquals(200, cached.status(), "a cached answer costs nothing and is served");
                assertTrue(cached.header("cache-status").contains("hit"), cached.header("cache-status"));
                assertEquals(15, budgets.spentToday("core-banking"));
                assertTrue(prometheus(metrics).contains("sargs_fee_budget_refusals_total{client=\"core-banking\"} 1"));
                assertTrue(prometheus(metrics).contains("sargs_fee_budget_spent_cents{client=\"core-banking\"} 15"));
            }
        } finally {
            timer.shutdownNow();
            writer.shutdown();
            writer.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static TlsTestClient.Answer lookup(TlsTestClient client, String regNo) throws java.io.IOException {
        return client.send("GET /v1/companies/" + regNo + " HTTP/1.1\r\nHost: 127.0.0.1\r\nSargs-Purpose: kyc\r\n\r\n");
    }

    private static String prometheus(Metrics metrics) {
        StringBuilder out = new StringBuilder();
        metrics.writePrometheus(out);
        return out.toString();
    }
}
