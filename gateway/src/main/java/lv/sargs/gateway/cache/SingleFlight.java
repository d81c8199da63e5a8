package lv.sargs.gateway.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Collapses concurrent requests for the same key into one call: whoever comes while a call for
 * that key is under way gets the same future, so 100 identical misses cost one register fee.
 */
public final class SingleFlight<K, V> {

    private final ConcurrentHashMap<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

    /** The result of the call under way for {@code key}, or of {@code call} started now. */
    public CompletableFuture<V> run(K key, Supplier<CompletableFuture<V>> call) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> existing = inFlight.putIfAbsent(key, mine);
        if (existing != null) {
            return existing;
        }
        CompletableFuture<V> started;
        try {
            started = call.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        started.whenComplete((v, e) -> {
            inFlight.remove(key, mine);
            if (e != null) {
                mine.completeExceptionally(e);
            } else {
                mine.complete(v);
            }
        });
        return mine;
    }

    /** The call under way for {@code key}, or null: who joins it pays nothing, so a caller may look first. */
    public CompletableFuture<V> underWay(K key) {
        return inFlight.get(key);
    }

    /** Calls under way, for metrics. */
    public int inFlight() {
        return inFlight.size();
    }
}
