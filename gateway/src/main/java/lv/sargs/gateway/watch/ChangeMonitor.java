package lv.sargs.gateway.watch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.tinylog.Logger;

/**
 * Follows each register's change feed on its own scheduler thread: publishes the changes that
 * concern watched subjects (and only those) with the feed cursor in one durable step, and drops
 * the cached answers of every changed subject so its next lookup reads the register again.
 */
public final class ChangeMonitor implements AutoCloseable {

    private final WatchStore store;
    private final List<ChangeSource> sources;
    private final Consumer<WatchedSubject> invalidate;
    private final ScheduledExecutorService scheduler;

    /**
     * @param invalidate drops every cached part of a subject; called on the scheduler thread
     * @param scheduler a single-threaded scheduler this monitor may block (store writes run on it)
     */
    public ChangeMonitor(WatchStore store, List<ChangeSource> sources, Consumer<WatchedSubject> invalidate,
                         ScheduledExecutorService scheduler) {
        this.store = store;
        this.sources = List.copyOf(sources);
        this.invalidate = invalidate;
        this.scheduler = scheduler;
    }

    /**
     * Polls every source every {@code interval}, the next poll scheduled when the last one is
     * published — never by waiting on this scheduler, which the publishing itself runs on.
     */
    public void start(Duration interval) {
        scheduler.schedule(() -> loop(interval), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void loop(Duration interval) {
        pollAll().whenComplete((done, error) -> {
            if (!scheduler.isShutdown()) {
                try {
                    scheduler.schedule(() -> loop(interval), interval.toMillis(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // Closed meanwhile: nothing more to poll.
                }
            }
        });
    }

    /** Reads every source once; completes when what was read is published (errors are logged, not thrown). */
    public CompletableFuture<Void> pollAll() {
        CompletableFuture<?>[] polls = sources.stream().map(this::poll).toArray(CompletableFuture<?>[]::new);
        return CompletableFuture.allOf(polls);
    }

    private CompletableFuture<Void> poll(ChangeSource source) {
        return source.changesSince(store.registerCursor(source.source()))
                .thenAcceptAsync(batch -> {
                    List<Change> published = store.publish(source.source(), batch.changes(), batch.nextCursor());
                    published.forEach(c -> invalidate.accept(c.subject()));
                    if (!published.isEmpty()) {
                        Logger.info("{} change(s) of watched subjects from {}", published.size(), source.source());
                    }
                }, scheduler)
                .exceptionally(e -> {
                    Logger.warn("change feed of {} not read: {}; retrying at the next poll", source.source(),
                            e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
                    return null;
                });
    }

    /** Stops polling; the store stays open (its owner closes it). */
    @Override
    public void close() {
        scheduler.shutdown();
    }

}
