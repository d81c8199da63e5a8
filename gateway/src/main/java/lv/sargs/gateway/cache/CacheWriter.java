package lv.sargs.gateway.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import lv.sargs.gateway.threads.ThreadPools;
import lv.sargs.gateway.stores.StoreCompaction;
import org.h2.mvstore.MVStore;
import org.tinylog.Logger;

/** The cache's single writer: applies queued writes in order and commits once per batch. */
final class CacheWriter {

    private static final Runnable STOP = () -> { };

    private final MVStore store;
    private final StoreCompaction compaction;
    private final BlockingQueue<Runnable> queue;
    private final Thread thread;

    /** @param compaction the store's maintenance, run on this writer's thread after its commits */
    CacheWriter(MVStore store, StoreCompaction compaction, int capacity) {
        this.store = store;
        this.compaction = compaction;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = ThreadPools.threadFactory("cache-writer", true).newThread(this::run);
        this.thread.start();
    }

    /** Queues a write; never blocks the caller (a full queue drops the write: it is only a cache). */
    void submit(Runnable write) {
        queue.offer(write);
    }

    /** Queues a write that must not be lost (a purge), waiting for room in the queue. */
    void submitAndWait(Runnable write) {
        try {
            queue.put(write);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheException("interrupted while queueing a cache purge", e);
        }
        flush();
    }

    /** Returns once every write queued before it is committed. */
    void flush() {
        Flush done = new Flush();
        try {
            queue.put(done);
            if (!done.committed.await(30, TimeUnit.SECONDS)) {
                throw new CacheException("cache writer did not flush within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheException("interrupted while flushing the cache", e);
        }
    }

    void close() {
        try {
            queue.put(STOP);
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A marker released once everything before it is committed. */
    private static final class Flush implements Runnable {
        final CountDownLatch committed = new CountDownLatch(1);

        @Override
        public void run() {
        }
    }

    private void run() {
        List<Runnable> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, 1024);
            boolean stop = false;
            List<Flush> flushes = new ArrayList<>();
            for (Runnable write : batch) {
                if (write == STOP) {
                    stop = true;
                    break;
                }
                if (write instanceof Flush f) {
                    flushes.add(f);
                    continue;
                }
                try {
                    write.run();
                } catch (RuntimeException e) {
                    Logger.error(e, "cache write failed; the entry will be fetched again when needed");
                }
            }
            batch.clear();
            store.commit();
            flushes.forEach(f -> f.committed.countDown());
            compaction.afterCommit();
            if (stop) {
                return;
            }
        }
    }
}
