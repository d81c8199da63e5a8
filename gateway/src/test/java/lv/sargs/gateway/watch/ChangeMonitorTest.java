package lv.sargs.gateway.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeMonitorTest {

    private static final WatchedSubject WATCHED = new WatchedSubject("company", "40003521600");
    private static final WatchedSubject UNWATCHED = new WatchedSubject("company", "40003032949");
    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path dir;

    /** A change feed that serves scripted pages and records the cursors it was asked from. */
    private static final class ScriptedFeed implements ChangeSource {
        final List<Optional<String>> askedFrom = new ArrayList<>();
        final List<Batch> pages = new ArrayList<>();

        @Override
        public String source() {
            return "viss";
        }

        @Override
        public CompletableFuture<Batch> changesSince(Optional<String> cursor) {
            askedFrom.add(cursor);
            return pages.isEmpty() ? CompletableFuture.failedFuture(new IllegalStateException("feed down"))
                    : CompletableFuture.completedFuture(pages.remove(0));
        }
    }

    @Test
    void aWatchedCompanyChangeIsPublishedAndItsCacheDroppedButAnUnwatchedOneIsNot() {
        ScriptedFeed feed = new ScriptedFeed();
        feed.pages.add(new ChangeSource.Batch(List.of(new RegisterChange(WATCHED, T, List.of("officers")),
                new RegisterChange(UNWATCHED, T, List.of("officers"))), "c1"));
        feed.pages.add(new ChangeSource.Batch(List.of(), "c1"));
        List<WatchedSubject> invalidated = new CopyOnWriteArrayList<>();
        try (WatchStore store = WatchStore.open(dir.resolve("w.mv.db"), "k".repeat(64).toCharArray());
             ChangeMonitor monitor = new ChangeMonitor(store, List.of(feed), invalidated::add,
                     Executors.newSingleThreadScheduledExecutor())) {
            store.watch(WATCHED, T);

            monitor.pollAll().join();
            monitor.pollAll().join();

            assertEquals(List.of(WATCHED), invalidated);
            assertEquals(1, store.changesAfter(0, 10).size());
            assertEquals(List.of(Optional.empty(), Optional.of("c1")), feed.askedFrom, "continues from the saved cursor");
        }
    }

    @Test
    void keepsPollingOnItsOwnScheduleAndPublishes() throws Exception {
        ScriptedFeed feed = new ScriptedFeed();
        for (int i = 0; i < 20; i++) {
            feed.pages.add(new ChangeSource.Batch(i == 2 ? List.of(new RegisterChange(WATCHED, T, List.of("officers")))
                    : List.of(), "c" + i));
        }
        List<WatchedSubject> invalidated = new CopyOnWriteArrayList<>();
        try (WatchStore store = WatchStore.open(dir.resolve("w.mv.db"), "k".repeat(64).toCharArray());
             ChangeMonitor monitor = new ChangeMonitor(store, List.of(feed), invalidated::add,
                     Executors.newSingleThreadScheduledExecutor())) {
            store.watch(WATCHED, T);

            monitor.start(java.time.Duration.ofMillis(20));

            // The monitor records the change, then invalidates: wait for both before looking.
            for (int i = 0; i < 250 && (store.changesAfter(0, 10).isEmpty() || invalidated.isEmpty()); i++) {
                Thread.sleep(20);
            }
            assertEquals(1, store.changesAfter(0, 10).size(), "the third scheduled poll publishes the change");
            assertEquals(List.of(WATCHED), invalidated);
        }
    }

    @Test
    void aFailingFeedKeepsItsCursorForTheNextPoll() {
        ScriptedFeed feed = new ScriptedFeed();
        try (WatchStore store = WatchStore.open(dir.resolve("w.mv.db"), "k".repeat(64).toCharArray());
             ChangeMonitor monitor = new ChangeMonitor(store, List.of(feed), s -> { },
                     Executors.newSingleThreadScheduledExecutor())) {
            monitor.pollAll().join();
            assertTrue(store.registerCursor("viss").isEmpty());
        }
    }
}
