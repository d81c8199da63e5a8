package lv.sargs.gateway.lookup;

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

    @BeforeEach
    void open() {
        timer = Executors.newSingleThreadScheduledExecutor();
        cache = AnswerCache.open(dir.resolve("c.mv.db"), "k".repeat(64).toCharArray(), 1000, 100, 1000);
        lookup = new SubjectLookup(new PartLookup(cache, timer, clock::get, System::nanoTime, new Metrics()),
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
}
