package lv.sargs.gateway.stores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compaction step rewrites sparse chunks of a real store file and keeps every committed entry,
 * and commits nothing while the file is being copied (space reuse off, as the online backup sets it;
 * both StoreCompaction and MVStore 2.4 hold back then, so this guards the pair).
 */
class StoreCompactionTest {

    @TempDir
    Path dir;

    @Test
    void stepCompactsSparseChunksButNotWhileTheFileIsCopied() {
        Path file = dir.resolve("s.mv.db");
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open()) {
            store.setRetentionTime(0);
            MVMap<Integer, String> map = store.openMap("m");
            for (int round = 0; round < 20; round++) {
                for (int k = 0; k < 200; k += 1 + round % 7) {
                    map.put(k, "value " + k + " of round " + round + " ".repeat(200));
                    store.commit();
                }
            }
            StoreCompaction compaction = new StoreCompaction(file, store, true);
            store.getFileStore().setReuseSpace(false);
            long version = store.getCurrentVersion();
            assertFalse(compaction.step(), "a step while the file is copied");
            assertEquals(version, store.getCurrentVersion(), "nothing committed while the file is copied");
            store.getFileStore().setReuseSpace(true);
            assertTrue(compaction.step(), "a step on a sparse file rewrites chunks");
            assertTrue(store.getCurrentVersion() > version, "the step commits what it rewrote");
        }
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            MVMap<Integer, String> map = store.openMap("m");
            assertEquals(200, map.size());
            assertEquals("value 198 of round 19" + " ".repeat(200), map.get(198));
        }
    }
}
