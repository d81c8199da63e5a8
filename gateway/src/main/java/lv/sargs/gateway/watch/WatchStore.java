package lv.sargs.gateway.watch;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import lv.sargs.gateway.cache.CacheException;
import lv.sargs.gateway.stores.StoreCompaction;

/**
 * The durable, encrypted state of change monitoring: the watchlist, the published change feed and
 * each register feed's cursor. Every mutation is committed and synced before it returns, because
 * a client is told it happened.
 */
public final class WatchStore implements AutoCloseable {

    private final MVStore store;
    private final MVMap<String, Long> subjects;
    private final MVMap<Long, byte[]> changes;
    private final MVMap<String, String> cursors;
    private final StoreCompaction compaction;

    private WatchStore(Path file, MVStore store) {
        this.store = store;
        this.compaction = new StoreCompaction(file, store, true);
        this.subjects = store.openMap("watched");
        this.changes = store.openMap("changes");
        this.cursors = store.openMap("register-cursors");
    }

    /**
     * Opens (or creates) the store encrypted with {@code key}.
     *
     * @throws CacheException when the file cannot be opened with this key
     */
    public static WatchStore open(Path file, char[] key) {
        try {
            MVStore store = new MVStore.Builder().fileName(file.toString()).encryptionKey(key.clone())
                    .autoCommitDisabled().open();
            lv.sargs.gateway.stores.OpenStores.register(file, store);
            return new WatchStore(file, store);
        } catch (MVStoreException e) {
            throw new CacheException("watch store " + file + " cannot be opened: wrong storage key or damaged file"
                    + " (expected: the file this token's storage key wrote; restore it from backup)", e);
        }
    }

    /** Adds {@code subject}; returns whether it was new. Durable on return. */
    public synchronized boolean watch(WatchedSubject subject, Instant now) {
        boolean added = subjects.putIfAbsent(subject.key(), now.toEpochMilli()) == null;
        durable();
        return added;
    }

    /** Removes {@code subject}; returns whether it was watched. Durable on return. */
    public synchronized boolean unwatch(WatchedSubject subject) {
        boolean removed = subjects.remove(subject.key()) != null;
        durable();
        return removed;
    }

    /**
     * Publishes the changes that concern watched subjects and moves {@code source}'s feed cursor to
     * {@code nextCursor}, in one durable commit, so a crash neither loses nor repeats a change.
     *
     * @return the changes published
     */
    public synchronized List<Change> publish(String source, List<RegisterChange> seen, String nextCursor) {
        List<Change> published = new ArrayList<>();
        Long last = changes.lastKey();
        long cursor = last == null ? 0 : last;
        for (RegisterChange c : seen) {
            if (subjects.containsKey(c.subject().key())) {
                Change change = new Change(++cursor, c.subject(), source, c.changedAt(), c.sections());
                changes.put(cursor, encode(change));
                published.add(change);
            }
        }
        cursors.put(source, nextCursor);
        durable();
        return published;
    }

    /** The register feed cursor saved for {@code source}. */
    public Optional<String> registerCursor(String source) {
        return Optional.ofNullable(cursors.get(source));
    }

    /** Up to {@code limit} published changes after {@code cursor}, oldest first. */
    public List<Change> changesAfter(long cursor, int limit) {
        List<Change> out = new ArrayList<>(Math.min(limit, 256));
        Cursor<Long, byte[]> it = changes.cursor(cursor + 1);
        while (it.hasNext() && out.size() < limit) {
            Long key = it.next();
            out.add(decode(key, it.getValue()));
        }
        return out;
    }

    /** Syncs and closes the file. */
    @Override
    public synchronized void close() {
        durable();
        lv.sargs.gateway.stores.OpenStores.unregister(store);
        store.close();
    }

    private void durable() {
        store.commit();
        store.sync();
        compaction.afterCommit();
    }

    private static byte[] encode(Change c) {
        StringBuilder sb = new StringBuilder().append(c.subject().key()).append('\n').append(c.source()).append('\n')
                .append(c.changedAt().toEpochMilli()).append('\n').append(String.join(",", c.sections()));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Change decode(long cursor, byte[] stored) {
        String[] f = new String(stored, StandardCharsets.UTF_8).split("\n", -1);
        List<String> sections = f[3].isEmpty() ? List.of() : List.of(f[3].split(","));
        return new Change(cursor, WatchedSubject.fromKey(f[0]), f[1], Instant.ofEpochMilli(Long.parseLong(f[2])), sections);
    }
}
