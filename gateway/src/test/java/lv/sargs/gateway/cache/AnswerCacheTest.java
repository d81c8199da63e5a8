package lv.sargs.gateway.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswerCacheTest {

    private static final char[] KEY = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef".toCharArray();
    private static final Freshness DAY = new Freshness(Duration.ofHours(24), Duration.ofMinutes(5), Duration.ofHours(1));

    @TempDir
    Path dir;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void servesAnswersAfterReopenWithTheSameKey() {
        Path file = dir.resolve("cache.mv.db");
        byte[] body = utf8("{\"name\":\"SIA Bērziņš\"}");
        try (AnswerCache cache = AnswerCache.open(file, KEY, 100, 10, 100)) {
            cache.put("company:40003521600", DAY.entry(body, "viss", false, 1_000));
        }
        try (AnswerCache cache = AnswerCache.open(file, KEY, 100, 10, 100)) {
            CachedAnswer a = cache.get("company:40003521600").orElseThrow();
            assertArrayEquals(body, a.body());
            assertEquals("viss", a.source());
            assertEquals(1_000, a.fetchedAtMillis());
        }
    }

    @Test
    void fileHoldsNoNameOrCodeInClear() throws Exception {
        Path file = dir.resolve("cache.mv.db");
        try (AnswerCache cache = AnswerCache.open(file, KEY, 100, 10, 100)) {
            for (int i = 0; i < 50; i++) {
                cache.put("person:161175-1999" + (i % 10),
                        DAY.entry(utf8("{\"surname\":\"Kalniņš-" + i + "\",\"code\":\"161175-19997\"}"), "fpr", false, 1));
            }
        }
        String raw = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains("161175"), "personal code in clear");
        assertFalse(raw.contains("surname"), "field names in clear");
        assertFalse(raw.contains("Kalni"), "names in clear");
    }

    @Test
    void refusesToOpenWithAnotherKeyNamingTheFile() {
        Path file = dir.resolve("cache.mv.db");
        try (AnswerCache cache = AnswerCache.open(file, KEY, 100, 10, 100)) {
            cache.put("k", DAY.entry(utf8("v"), "viss", false, 1));
        }
        char[] other = KEY.clone();
        other[0] = 'f';
        CacheException e = assertThrows(CacheException.class, () -> AnswerCache.open(file, other, 100, 10, 100));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void evictsOldestFetchedBeyondTheBound() {
        try (AnswerCache cache = AnswerCache.open(dir.resolve("c.mv.db"), KEY, 3, 2, 100)) {
            for (int i = 1; i <= 5; i++) {
                cache.put("k" + i, DAY.entry(utf8("v" + i), "viss", false, i));
            }
            cache.flush();
            assertEquals(3, cache.size());
            assertTrue(cache.get("k1").isEmpty());
            assertTrue(cache.get("k2").isEmpty());
            assertTrue(cache.get("k5").isPresent());
        }
    }

    @Test
    void rewritingAnEntryDoesNotCountTwiceTowardsTheBound() {
        try (AnswerCache cache = AnswerCache.open(dir.resolve("c.mv.db"), KEY, 2, 2, 100)) {
            cache.put("a", DAY.entry(utf8("1"), "viss", false, 1));
            cache.put("b", DAY.entry(utf8("1"), "viss", false, 2));
            cache.put("a", DAY.entry(utf8("2"), "viss", false, 3));
            cache.flush();
            assertEquals(2, cache.size());
            assertArrayEquals(utf8("2"), cache.get("a").orElseThrow().body());
            assertTrue(cache.get("b").isPresent());
        }
    }

    @Test
    void purgeForgetsTheSubjectAcrossRestart() {
        Path file = dir.resolve("cache.mv.db");
        try (AnswerCache cache = AnswerCache.open(file, KEY, 100, 10, 100)) {
            cache.put("person:32000000000", DAY.entry(utf8("x"), "fpr", false, 1));
            cache.flush();
            cache.purge("person:32000000000");
            assertTrue(cache.get("person:32000000000").isEmpty());
        }
        try (AnswerCache cache = AnswerCache.open(file, KEY, 100, 10, 100)) {
            assertTrue(cache.get("person:32000000000").isEmpty());
        }
    }

    @Test
    void freshnessSeparatesFreshStaleAndGone() {
        CachedAnswer a = DAY.entry(utf8("x"), "viss", false, 0);
        long hour = Duration.ofHours(1).toMillis();
        assertTrue(a.isFresh(23 * hour));
        assertFalse(a.isFresh(24 * hour));
        assertTrue(a.isUsableStale(24 * hour + hour - 1));
        assertFalse(a.isUsableStale(25 * hour));
        assertEquals(3600, a.ageSeconds(hour));

        CachedAnswer notFound = DAY.entry(utf8("x"), "viss", true, 0);
        assertFalse(notFound.isFresh(Duration.ofMinutes(5).toMillis()));
        assertFalse(notFound.isUsableStale(Duration.ofMinutes(5).toMillis()), "a not-found is never served stale");
    }
}
