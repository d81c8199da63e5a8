package lv.sargs.gateway.upstream.oauth;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;
import lv.sargs.gateway.upstream.core.Deadline;

/**
 * Holds the current access token and refreshes it once for all concurrent callers (single flight)
 * shortly before it expires: callers keep getting the current token while the refresh is under way,
 * so none waits for the token endpoint until a token is missing or about to expire. A token the
 * upstream refused is dropped with {@link #invalidate}, so that many callers refused with the same
 * token cause one refresh.
 */
final class AccessTokenCache {

    /** After a refresh ahead of time failed, the next one starts no sooner than this. */
    static final long RETRY_AHEAD_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

    private final Function<Deadline, CompletableFuture<AccessToken>> fetch;
    private final LongSupplier nanoClock;
    private final AtomicReference<AccessToken> current = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<AccessToken>> refreshing = new AtomicReference<>();
    private volatile long noRefreshAheadBefore;

    AccessTokenCache(Function<Deadline, CompletableFuture<AccessToken>> fetch, LongSupplier nanoClock) {
        this.fetch = fetch;
        this.nanoClock = nanoClock;
    }

    /**
     * A usable token: the cached one (starting its refresh in the background once that is due), or
     * the refresh under way, or a refresh started now within {@code deadline} (a caller that joins a
     * refresh bounds its own wait).
     */
    CompletableFuture<AccessToken> get(Deadline deadline) {
        AccessToken token = current.get();
        long now = nanoClock.getAsLong();
        if (token != null && token.usableAt(now)) {
            return CompletableFuture.completedFuture(token);
        }
        if (token != null && token.validAt(now)) {
            if (refreshing.get() == null && now - noRefreshAheadBefore >= 0) {
                refresh(deadline).whenComplete((fresh, error) -> {
                    if (error != null) {
                        noRefreshAheadBefore = nanoClock.getAsLong() + RETRY_AHEAD_NANOS;
                    }
                });
            }
            return CompletableFuture.completedFuture(token);
        }
        return refresh(deadline);
    }

    /** The refresh under way, or one started now unless a usable token arrived meanwhile. */
    private CompletableFuture<AccessToken> refresh(Deadline deadline) {
        CompletableFuture<AccessToken> mine = new CompletableFuture<>();
        CompletableFuture<AccessToken> underway = refreshing.compareAndExchange(null, mine);
        if (underway != null) {
            return underway;
        }
        // Won the race; a refresh may have finished between the first look and now.
        AccessToken token = current.get();
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
