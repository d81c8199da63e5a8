package lv.sargs.gateway.lookup;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import lv.sargs.gateway.cache.CacheException;
import lv.sargs.gateway.stores.OpenStores;
import lv.sargs.gateway.stores.StoreCompaction;

/**
 * The durable record of what each client's lookups spent on register fees per Europe/Riga day,
 * encrypted like the other stores; {@link #save} returns once the amounts are synced, so a
 * restart or a {@code kill -9} never hands a client its budget back.
 */
final class FeeSpendStore implements AutoCloseable {

    /** Days kept before the oldest are dropped at open: enough to read back a week's spending. */
    private static final int DAYS_KEPT = 7;

    private final MVStore store;
    private final MVMap<String, Long> spent;
    private final StoreCompaction compaction;

    private FeeSpendStore(Path file, MVStore store) {
        this.store = store;
        this.compaction = new StoreCompaction(file, store, true);
        this.spent = store.openMap("spent-cents");
    }

    /**
     * Opens (or creates) the store encrypted with {@code key}.
     *
     * @throws CacheException when the file cannot be opened with this key
     */
    static FeeSpendStore open(Path file, char[] key) {
        try {
            MVStore store = new MVStore.Builder().fileName(file.toString()).encryptionKey(key.clone())
                    .autoCommitDisabled().open();
            OpenStores.register(file, store);
            return new FeeSpendStore(file, store);
        } catch (MVStoreException e) {
            throw new CacheException("fee spend store " + file + " cannot be opened: wrong storage key or damaged"
                    + " file (expected: the file this token's storage key wrote; restore it from backup)", e);
        }
    }

    /** Each client's spend on {@code day} (euro cents), dropping what is older than a week before it. */
    synchronized Map<String, Long> load(LocalDate day) {
        Map<String, Long> out = new HashMap<>();
        String oldest = day.minusDays(DAYS_KEPT).toString();
        boolean dropped = false;
        for (Iterator<String> it = spent.keyIterator(null); it.hasNext(); ) {
            String k = it.next();
            int bar = k.indexOf('|');
            String d = k.substring(0, bar);
            if (d.compareTo(oldest) < 0) {
                spent.remove(k);
                dropped = true;
            } else if (d.equals(day.toString())) {
                out.put(k.substring(bar + 1), spent.get(k));
            }
        }
        if (dropped) {
            durable();
        }
        return out;
    }

    /** Sets the given clients' spend on {@code day} and returns once it is synced to the disk. */
    synchronized void save(LocalDate day, Map<String, Long> centsByClient) {
        centsByClient.forEach((client, cents) -> spent.put(day + "|" + client, cents));
        durable();
    }

    private void durable() {
        store.commit();
        store.sync();
        compaction.afterCommit();
    }

    @Override
    public synchronized void close() {
        if (!store.isClosed()) {
            OpenStores.unregister(store);
            store.close();
        }
    }
}
