package lv.sargs.gateway.upstream.oauth;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;
import lv.sargs.gateway.upstream.core.Deadline;

/**
 * Holds the current access token until shortly before it expires and refreshes it once for all
 * concurrent callers (single flight); a token the upstream refused is dropped with
 * {@link #invalidate}, so that many callers refused with the same token cause one refresh.
 */
final class AccessTokenCache {

    private final Function<Deadline, CompletableFuture<AccessToken>> fetch;
    private final LongSupplier nanoClock;
    private final AtomicReference<AccessToken> current = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<AccessToken>> refreshing = new AtomicReference<>();

    AccessTokenCache(Function<Deadline, CompletableFuture<AccessToken>> fetch, LongSupplier nanoClock) {
        this.fetch = fetch;
        this.nanoClock = nanoClock;
    }

    /**
     * A usable token: the cached one, or the refresh under way, or a refresh started now within
     * {@code deadline} (a caller that joins a refresh bounds its own wait).
     */
    CompletableFuture<AccessToken> get(Deadline deadline) {
        AccessToken token = current.get();
        if (token != null && token.usableAt(nanoClock.getAsLong())) {
            return CompletableFuture.completedFuture(token);
        }
        CompletableFuture<AccessToken> mine = new CompletableFuture<>();
        CompletableFuture<AccessToken> underway = refreshing.compareAndExchange(null, mine);
        if (underway != null) {
            return underway;
        }
        // Won the race; a refresh may have finished between the first look and now.
        token = current.get();
        if (token != null && token.usableAt(nanoClock.getAsLong())) {
            refreshing.set(null);
            mine.complete(token);
            return mine;
        }
        CompletableFuture<AccessToken> fetched;
        try {
            fetched = fetch.apply(deadline);
        } catch (RuntimeException e) {
            fetched = CompletableFuture.failedFuture(e);
        }
        fetched.whenComplete((fresh, error) -> {
            if (fresh != null) {
                current.set(fresh);
            }
            refreshing.set(null);
            if (error != null) {
                mine.completeExceptionally(error);
            } else {
                mine.complete(fresh);
            }
        });
        return mine;
    }

    /** Drops the token whose header value is {@code refused} if it is still current; a newer one stays. */
    void invalidate(String refused) {
        AccessToken token = current.get();
        if (token != null && token.headerValue().equals(refused)) {
            current.compareAndSet(token, null);
        }
    }
}
