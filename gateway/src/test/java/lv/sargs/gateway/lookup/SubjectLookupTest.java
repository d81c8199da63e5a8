package lv.sargs.gateway.lookup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import lv.sargs.gateway.cache.AnswerCache;
import lv.sargs.gateway.cache.Freshness;
import lv.sargs.gateway.metrics.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubjectLookupTest {

    private static final Freshness DAY = new Freshness(Duration.ofHours(24), Duration.ofMinutes(5), Duration.ofHours(1));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private ScheduledExecutorService timer;
    private AnswerCache cache;
    private SubjectLookup lookup;
    private Metrics metrics;

    @BeforeEach
    void open() {
        timer = Executors.newSingleThreadScheduledExecutor();
        cache = AnswerCache.open(dir.resolve("c.mv.db"), "k".repeat(64).toCharArray(), 1000, 100, 1000);
        metrics = new Metrics();
        lookup = new SubjectLookup(new PartLookup(cache, timer, clock::get, System::nanoTime, metrics),
                r -> DAY, clock::get, 100);
    }

    @AfterEach
    void close() {
        cache.close();
        timer.shutdownNow();
    }

    private StandardAnswer ask(List<AnswerPart> sections, Duration budget) {
        return lookup.lookup("company", "registrationNumber", "40003521600", sections, "",
                new LookupRequest(-1, false, System.nanoTime() + budget.toNanos())).join();
    }

    @Test
    void everySectionNamesItsSourceAndAsOfAndAnUnconnectedOneIsPresentAndMarked() throws Exception {
        ScriptedRegister entity = new ScriptedRegister(id -> ScriptedRegister.found("{\"name\":\"Latvijas Banka\"}"));

        StandardAnswer answer = ask(List.of(AnswerPart.of("identification", entity),
                AnswerPart.notConnected("taxData", "source not connected: State Revenue Service")), Duration.ofSeconds(3));

        assertEquals(200, answer.httpStatus());
        JsonNode doc = JSON.readTree(answer.body());
        assertEquals("40003521600", doc.at("/subject/registrationNumber").asText());
        JsonNode id = doc.at("/parts/identification");
        assertEquals("available", id.get("status").asText());
        assertEquals("viss", id.get("source").asText());
        assertEquals("2023-11-14T22:13:20Z", id.get("asOf").asText());
        assertEquals("Latvijas Banka", id.at("/data/name").asText());
        JsonNode tax = doc.at("/parts/taxData");
        assertEquals("unavailable", tax.get("status").asText());
        assertEquals("source not connected: State Revenue Service", tax.get("reason").asText());
        assertEquals("Sargs; fwd=uri-miss; stored", answer.cacheStatus());
    }

    @Test
    void aSecondAskIsAHitWithItsAge() throws Exception {
        ScriptedRegister entity = new ScriptedRegister(id -> ScriptedRegister.found("{}"));
        ask(List.of(AnswerPart.of("identification", entity)), Duration.ofSeconds(3));
        clock.addAndGet(90_000);

        StandardAnswer again = ask(List.of(AnswerPart.of("identification", entity)), Duration.ofSeconds(3));

        assertEquals("Sargs; hit", again.cacheStatus());
        assertEquals(90, again.ageSeconds());
        assertEquals("hit", JSON.readTree(again.body()).at("/parts/identification/cache").asText());
    }

    @Test
    void anAllHitAnswerIsReusedAsItAgesAndRebuiltWhenAPartIsRefreshed() throws Exception {
        ScriptedRegister entity = new ScriptedRegister(id -> ScriptedRegister.found("{\"v\":1}"));
        List<AnswerPart> sections = List.of(AnswerPart.of("identification", entity),
                AnswerPart.notConnected("taxData", "not connected"));
        ask(sections, Duration.ofSeconds(3));
        StandardAnswer firstHit = ask(sections, Duration.ofSeconds(3));
        clock.addAndGet(30_000);

        StandardAnswer laterHit = ask(sections, Duration.ofSeconds(3));

        assertSame(firstHit.body(), laterHit.body(), "the same entries give the same bytes, not rebuilt");
        assertEquals(30, laterHit.ageSeconds());
        clock.addAndGet(Duration.ofHours(25).toMillis());
        entity.answer = id -> ScriptedRegister.found("{\"v\":2}");
        ask(sections, Duration.ofSeconds(3));
        StandardAnswer refreshed = ask(sections, Duration.ofSeconds(3));
        assertEquals(2, JSON.readTree(refreshed.body()).at("/parts/identification/data/v").asInt(),
                "a refreshed part is never served from the old bytes");
    }

    @Test
    void anUnknownSubjectIs404AndAStalledIdentifyingRegisterIs504() throws Exception {
        ScriptedRegister missing = new ScriptedRegister(id -> CompletableFuture.completedFuture(new Fetched.NotFound()));
        StandardAnswer notFound = ask(List.of(AnswerPart.of("identification", missing)), Duration.ofSeconds(3));
        assertEquals(404, notFound.httpStatus());
        assertFalse(JSON.readTree(notFound.body()).at("/parts/identification").has("data"));

        ScriptedRegister stalled = new ScriptedRegister(id -> new CompletableFuture<>());
        StandardAnswer timedOut = lookup.lookup("company", "registrationNumber", "40003032949",
                List.of(AnswerPart.of("identification", stalled)), "",
                new LookupRequest(-1, false, System.nanoTime() + Duration.ofMillis(100).toNanos())).join();
        assertEquals(504, timedOut.httpStatus());
        assertEquals("timed-out", JSON.readTree(timedOut.body()).at("/parts/identification/status").asText());
    }

    @Test
    void aSlowSecondarySectionDoesNotFailTheAnswer() throws Exception {
        ScriptedRegister entity = new ScriptedRegister(id -> ScriptedRegister.found("{}"));
        ScriptedRegister owners = new ScriptedRegister(id -> new CompletableFuture<>()) {
            private final PartKey key = new PartKey("viss", "beneficial-owners");

            @Override
            public PartKey key() {
                return key;
            }
        };

        StandardAnswer answer = ask(List.of(AnswerPart.of("identification", entity),
                AnswerPart.of("beneficialOwners", owners)), Duration.ofMillis(150));

        assertEquals(200, answer.httpStatus());
        assertTrue(answer.cacheStatus().contains("partial"), answer.cacheStatus());
        assertEquals("timed-out", JSON.readTree(answer.body()).at("/parts/beneficialOwners/status").asText());
    }

    private static final String ID = "40003521600";

    private StandardAnswer ask(List<AnswerPart> sections, LookupRequest request) {
        return lookup.lookup("company", "registrationNumber", ID, sections, "", request).join();
    }

    private static LookupRequest maxAge(long seconds) {
        return new LookupRequest(seconds, false, System.nanoTime() + Duration.ofSeconds(3).toNanos());
    }

    private long saved() {
        return metrics.counters("sargs_register_calls_saved_total").values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void aKeptAnswerIsByteIdenticalToOneAssembledFromTheSameEntriesWithItsOwnAge() throws Exception {
        ScriptedRegister entity = new ScriptedRegister(id -> ScriptedRegister.found("{\"name\":\"Bērziņš \\\"un\\\" partneri\"}"));
        ScriptedRegister owners = new ScriptedRegister(id -> ScriptedRegister.found("[{\"name\":\"A\"}]")) {
            private final PartKey key = new PartKey("viss", "beneficial-owners");

            @Override
            public PartKey key() {
                return key;
            }
        };
        List<AnswerPart> sections = List.of(AnswerPart.of("registration", entity), AnswerPart.of("beneficialOwners", owners),
                AnswerPart.notConnected("contacts", "source not connected"));
        ask(sections, Duration.ofSeconds(3));
        ask(sections, Duration.ofSeconds(3));
        clock.addAndGet(42_500);

        StandardAnswer kept = ask(sections, Duration.ofSeconds(3));
        List<PartOutcome> outcomes = List.of(
                new PartOutcome(PartOutcome.Status.HIT, cache.get(entity.key().cacheKey(ID)).orElseThrow(), false, ""),
                new PartOutcome(PartOutcome.Status.HIT, cache.get(owners.key().cacheKey(ID)).orElseThrow(), false, ""),
                new PartOutcome(PartOutcome.Status.UNAVAILABLE, null, false, "source not connected"));
        StandardAnswer assembled = StandardAnswer.assemble("company", "registrationNumber", ID, "", sections, outcomes,
                clock.get());

        assertArrayEquals(assembled.body(), kept.body(), "the kept bytes are the assembled bytes");
        assertEquals(assembled, new StandardAnswer(kept.httpStatus(), assembled.body(), kept.cacheStatus(),
                kept.ageSeconds(), kept.identifyingSource(), kept.identifyingDetail(), kept.logWord()));
        assertEquals(42, kept.ageSeconds());
        assertEquals("Sargs; hit", kept.cacheStatus());
        assertEquals("hit", kept.logWord());
        assertEquals(1, entity.calls.get());
        assertEquals(1, owners.calls.get());
    }

    @Test
    void aKeptAnswerCountsEveryPartsHitAsSettlingWould() {
        ScriptedRegister entity = new ScriptedRegister(id -> ScriptedRegister.found("{}"));
        List<AnswerPart> sections = List.of(AnswerPart.of("registration", entity),
                AnswerPart.notConnected("contacts", "not connected"));
        ask(sections, Duration.ofSeconds(3));
        ask(sections, Duration.ofSeconds(3));
        long before = saved();

        for (int i = 0; i < 5; i++) {
            ask(sections, Duration.ofSeconds(3));
        }

        assertEquals(before + 5, saved(), "one saved call per hit of the connected section");
        assertEquals(1, entity.calls.get());
    }

    @Test
    void aKeptAnswerIsNotServedPastTheClientsMaxAgeNorToNoCache() {
        ScriptedRegister entity = new ScriptedRegister(id -> ScriptedRegister.found("{\"v\":1}"));
        List<AnswerPart> sections = List.of(AnswerPart.of("registration", entity));
        ask(sections, Duration.ofSeconds(3));
        ask(sections, Duration.ofSeconds(3));
        clock.addAndGet(30_000);

        assertEquals("Sargs; hit", ask(sections, maxAge(60)).cacheStatus());
        StandardAnswer tooOld = ask(sections, maxAge(10));
        assertEquals("Sargs; fwd=uri-miss; stored", tooOld.cacheStatus());
        assertEquals(0, tooOld.ageSeconds());
        assertEquals(2, entity.calls.get(), "max-age=10 asked the register");
        StandardAnswer noCache = ask(sections, new LookupRequest(-1, true, System.nanoTime() + Duration.ofSeconds(3).toNanos()));
        assertEquals("Sargs; fwd=uri-miss; stored", noCache.cacheStatus());
        assertEquals(3, entity.calls.get(), "no-cache asked the register");
    }

    @Test
    void aPurgedSubjectIsNeverServedFromTheKeptAnswer() throws Exception {
        ScriptedRegister entity = new ScriptedRegister(id -> ScriptedRegister.found("{\"v\":1}"));
        List<AnswerPart> sections = List.of(AnswerPart.of("registration", entity));
        ask(sections, Duration.ofSeconds(3));
        assertEquals("Sargs; hit", ask(sections, Duration.ofSeconds(3)).cacheStatus());

        cache.purge(entity.key().cacheKey(ID));
        entity.answer = id -> ScriptedRegister.found("{\"v\":2}");
        StandardAnswer after = ask(sections, Duration.ofSeconds(3));

        assertEquals(2, entity.calls.get(), "the purged subject is asked again");
        assertEquals(2, JSON.readTree(after.body()).at("/parts/registration/data/v").asInt());
    }

    @Test
    void aKeptAnswerAgesSecondBySecondAndSharesItsBytes() {
        ScriptedRegister entity = new ScriptedRegister(id -> ScriptedRegister.found("{}"));
        List<AnswerPart> sections = List.of(AnswerPart.of("registration", entity));
        ask(sections, Duration.ofSeconds(3));
        StandardAnswer first = ask(sections, Duration.ofSeconds(3));
        clock.addAndGet(5_000);
        StandardAnswer five = ask(sections, Duration.ofSeconds(3));
        StandardAnswer fiveAgain = ask(sections, Duration.ofSeconds(3));
        clock.addAndGet(1_000);
        StandardAnswer six = ask(sections, Duration.ofSeconds(3));

        assertEquals(0, first.ageSeconds());
        assertEquals(5, five.ageSeconds());
        assertSame(five, fiveAgain, "one aged answer per second, not one per ask");
        assertEquals(6, six.ageSeconds());
        assertSame(first.body(), six.body());
    }
}
