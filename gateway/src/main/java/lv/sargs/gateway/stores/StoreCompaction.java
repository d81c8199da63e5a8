package lv.sargs.gateway.stores;

import java.nio.file.Path;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.tinylog.Logger;

/**
 * Keeps the file of one MVStore opened with auto-commit off bounded: every {@value #EVERY_WRITES}th
 * call to {@link #afterCommit} rewrites at most {@value #WRITE_BYTES} bytes of live pages from the
 * sparsest chunks older than the store's retention time into one new chunk and commits it (and
 * syncs it, for a store that syncs its writes), so that the old chunks go dead and a later commit
 * frees them for reuse. Without it nothing compacts such a store: MVStore's own maintenance runs
 * on the background thread that auto-commit starts.
 *
 * <p>Not thread-safe: call it only from the thread that writes and commits the store, right after a
 * complete update was committed, never while another thread is between two puts of an update (the
 * maintenance commit would persist half of it). A crash during the maintenance loses nothing: the
 * rewritten pages hold the data already committed, the chunks they come from stay in the file until
 * the new chunk is committed and the retention time has passed, and on open MVStore falls back to
 * the last complete chunk.
 */
public final class StoreCompaction {

    /** Below this share of live bytes in its chunks a store is compacted; MVStore's own default is 90. */
    static final int TARGET_FILL_RATE = 80;
    /** The live bytes one call rewrites at most: bounds its cost (one chunk write of about this size). */
    static final int WRITE_BYTES = 256 * 1024;
    /** Writes between two maintenance steps, so that a step's extra commit (and sync) is rare. */
    static final int EVERY_WRITES = 16;

    private final Path file;
    private final MVStore store;
    private final boolean sync;
    private int writes;

    /**
     * @param file the store's file, named in the log when a step fails
     * @param store the open store
     * @param sync whether a step's commit is synced, as the store's own writes are
     */
    public StoreCompaction(Path file, MVStore store, boolean sync) {
        this.file = file;
        this.store = store;
        this.sync = sync;
    }

    /**
     * Counts a committed write and, every {@value #EVERY_WRITES}th time, runs one bounded
     * maintenance step; returns whether it rewrote anything. A failure is logged, not thrown: the
     * write it follows is already durable.
     */
    public boolean afterCommit() {
        if (++writes < EVERY_WRITES) {
            return false;
        }
        writes = 0;
        return step();
    }

    /** One maintenance step now (the count aside); returns whether it rewrote anything. */
    public boolean step() {
        if (store.isClosed()) {
            return false;
        }
        FileStore<?> files = store.getFileStore();
        if (files == null || !files.isSpaceReused()) {
            // An online backup is copying the file (StoreCopy switches reuse off meanwhile): every
            // chunk goes to the end of the file then, so rewriting now would only grow it. MVStore
            // 2.4 offers no chunk to rewrite then either; this check does not rely on that.
            return false;
        }
        try {
            if (!store.compact(TARGET_FILL_RATE, WRITE_BYTES)) {
                return false;
            }
            store.commit();
            if (sync) {
                store.sync();
            }
            return true;
        } catch (RuntimeException e) {
            // MVStoreException, or the interruption compact() wraps: the write before is durable anyway.
            Logger.warn("store {}: compaction step failed, the file may grow until a later step succeeds ({})",
                    file, e.getMessage());
            return false;
        }
    }
}
