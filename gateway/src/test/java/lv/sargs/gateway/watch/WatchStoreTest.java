package lv.sargs.gateway.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchStoreTest {

    private static final char[] KEY = "w".repeat(64).toCharArray();
    private static final WatchedSubject WATCHED = new WatchedSubject("company", "40003521600");
    private static final WatchedSubject OTHER = new WatchedSubject("company", "40003032949");
    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void publishesChangesOfWatchedSubjectsOnlyAndKeepsThemAcrossRestart() {
        Path file = dir.resolve("watch.mv.db");
        try (WatchStore store = WatchStore.open(file, KEY)) {
            assertTrue(store.watch(WATCHED, T));
            assertFalse(store.watch(WATCHED, T), "already watched");
            List<Change> published = store.publish("viss", List.of(
                    new RegisterChange(WATCHED, T, List.of("officers")),
                    new RegisterChange(OTHER, T, List.of("address"))), "cursor-7");
            assertEquals(1, published.size());
        }
        try (WatchStore store = WatchStore.open(file, KEY)) {
            List<Change> feed = store.changesAfter(0, 100);
            assertEquals(1, feed.size());
            assertEquals(WATCHED, feed.get(0).subject());
            assertEquals(List.of("officers"), feed.get(0).sections());
            assertEquals(T, feed.get(0).changedAt());
            assertEquals(Optional.of("cursor-7"), store.registerCursor("viss"));
            assertTrue(store.changesAfter(feed.get(0).cursor(), 100).isEmpty());
        }
    }

    @Test
    void unwatchingStopsFurtherChanges() {
        try (WatchStore store = WatchStore.open(dir.resolve("watch.mv.db"), KEY)) {
            store.watch(WATCHED, T);
            assertTrue(store.unwatch(WATCHED));
            assertFalse(store.unwatch(WATCHED));
            assertTrue(store.publish("viss", List.of(new RegisterChange(WATCHED, T, List.of("name"))), "c").isEmpty());
        }
    }

    @Test
    void pagesThroughTheFeedInOrder() {
        try (WatchStore store = WatchStore.open(dir.resolve("watch.mv.db"), KEY)) {
            store.watch(WATCHED, T);
            for (int i = 0; i < 5; i++) {
                store.publish("viss", List.of(new RegisterChange(WATCHED, T.plusSeconds(i), List.of("s" + i))), "c" + i);
            }
            List<Change> first = store.changesAfter(0, 2);
            List<Change> next = store.changesAfter(first.get(1).cursor(), 10);
            assertEquals(List.of("s0"), first.get(0).sections());
            assertEquals(3, next.size());
            assertEquals(List.of("s4"), next.get(2).sections());
        }
    }

    @Test
    void theFileHoldsNoWatchedCodeInClear() throws Exception {
        Path file = dir.resolve("watch.mv.db");
        try (WatchStore store = WatchStore.open(file, KEY)) {
            store.watch(new WatchedSubject("person", "161175-19997"), T);
        }
        assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains("161175"));
    }
}
