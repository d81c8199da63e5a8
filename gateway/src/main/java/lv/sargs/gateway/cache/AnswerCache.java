package lv.sargs.gateway.cache;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import lv.sargs.gateway.stores.StoreCompaction;
import org.tinylog.Logger;

/**
 * The persistent, encrypted cache of register answers: reads from any thread without touching the
 * disk when the answer is hot, writes handed to one writer thread that commits in batches (a lost
 * last batch only costs a register call, so the cache is not synced per write), and a bound on the
 * number of entries that evicts the oldest-fetched first.
 */
public final class AnswerCache implements AutoCloseable {

    private static final String ENTRIES = "answers";
    private static final String ORDER = "answers-by-write";

    private final Path file;
    private final MVStore store;
    private final MVMap<String, byte[]> entries;
    private final MVMap<Long, String> order;
    private final Map<String, CachedAnswer> hot = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final int maxHotEntries;
    private final AtomicLong sequence;
    private final CacheWriter writer;

    private AnswerCache(Path file, MVStore store, int maxEntries, int maxHotEntries, int writeQueue) {
        this.file = file;
        this.store = store;
        this.entries = store.openMap(ENTRIES);
        this.order = store.openMap(ORDER);
        this.maxEntries = maxEntries;
        this.maxHotEntries = maxHotEntries;
        Long last = order.lastKey();
        this.sequence = new AtomicLong(last == null ? 0 : last);
        this.writer = new CacheWriter(store, new StoreCompaction(file, store, false), writeQueue);
    }

    /**
     * Opens (or creates) the cache file encrypted with {@code key}; the caller wipes {@code key}
     * afterwards.
     *
     * @param maxEntries entries kept on disk; beyond it the oldest-fetched are evicted
     * @param maxHotEntries decoded entries kept on the heap for the hot path
     * @param writeQueue writes waiting for the writer; beyond it a write is dropped and counted
     * @throws CacheException when the file cannot be opened with this key
     */
    public static AnswerCache open(Path file, char[] key, int maxEntries, int maxHotEntries, int writeQueue) {
        MVStore store;
        try {
            store = new MVStore.Builder()
                    .fileName(file.toString())
                    .encryptionKey(key.clone())
                    .autoCommitDisabled()
                    .cacheSize(16)
                    .open();
        } catch (MVStoreException e) {
            throw new CacheException("cache " + file + " cannot be opened: wrong storage key or damaged file"
                    + " (expected: the file this token's storage key wrote; move it away to start empty)", e);
        }
        lv.sargs.gateway.stores.OpenStores.register(file, store);
        return new AnswerCache(file, store, maxEntries, maxHotEntries, writeQueue);
    }

    /** The cached answer for {@code key}, fresh or not; the caller decides with its clock. */
    public Optional<CachedAnswer> get(String key) {
        CachedAnswer a = hot.get(key);
        if (a != null) {
            return Optional.of(a);
        }
        byte[] stored = entries.get(key);
        if (stored == null) {
            return Optional.empty();
        }
        a = AnswerCodec.decode(stored);
        remember(key, a);
        if (entries.get(key) != stored) {
            // A purge or eviction removed it meanwhile; its writer may have cleared the hot map
            // before we filled it, so undo our fill rather than resurrect the entry.
            hot.remove(key, a);
        }
        return Optional.of(a);
    }

    /** Stores {@code answer} under {@code key}: visible at once, persisted by the writer. */
    public void put(String key, CachedAnswer answer) {
        remember(key, answer);
        long seq = sequence.incrementAndGet();
        byte[] stored = AnswerCodec.encode(answer, seq);
        writer.submit(() -> {
            byte[] previous = entries.put(key, stored);
            if (previous != null) {
                order.remove(AnswerCodec.sequence(previous));
            }
            order.put(seq, key);
            evictBeyondBound();
        });
    }

    /**
     * Forgets everything cached about {@code key}, e.g. on a data subject's request, and returns
     * once that is committed; blocks, so call it off the event loop.
     */
    public void purge(String key) {
        hot.remove(key);
        writer.submitAndWait(() -> {
            byte[] previous = entries.remove(key);
            if (previous != null) {
                order.remove(AnswerCodec.sequence(previous));
            }
            hot.remove(key);
        });
    }

    /** Entries on disk (after pending writes land). */
    public long size() {
        return entries.sizeAsLong();
    }

    /** Waits until every write submitted so far is committed; for shutdown and tests. */
    public void flush() {
        writer.flush();
    }

    /** Commits pending writes, syncs and closes the file. */
    @Override
    public void close() {
        writer.close();
        store.commit();
        store.sync();
        lv.sargs.gateway.stores.OpenStores.unregister(store);
        store.close();
        Logger.info("cache {} closed with {} entries", file, entries.sizeAsLong());
    }

    private void remember(String key, CachedAnswer a) {
        if (hot.size() >= maxHotEntries && !hot.containsKey(key)) {
            // Approximate eviction: cheap, and the store still has the entry.
            Iterator<String> it = hot.keySet().iterator();
            if (it.hasNext()) {
                hot.remove(it.next());
            }
        }
        hot.put(key, a);
    }

    private void evictBeyondBound() {
        while (entries.sizeAsLong() > maxEntries) {
            Long oldest = order.firstKey();
            if (oldest == null) {
                return;
            }
            String key = order.remove(oldest);
            entries.remove(key);
            hot.remove(key);
        }
    }
}
