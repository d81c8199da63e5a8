package lv.sargs.gateway.upstream.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import lv.sargs.gateway.upstream.core.Deadline;
import org.junit.jupiter.api.Test;

/** The refresh ahead of expiry, with fetches completed by hand on a clock moved by hand. */
class AccessTokenCacheTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final List<CompletableFuture<AccessToken>> fetches = new ArrayList<>();
    private long now = 1_000 * SECOND;
    private final AccessTokenCache cache = new AccessTokenCache(deadline -> {
        CompletableFuture<AccessToken> f = new CompletableFuture<>();
        fetches.add(f);
        return f;
    }, () -> now);

    /** A token fetched now: refresh due after 100 s, sent until 150 s. */
    private AccessToken token(String value) {
        return new AccessToken("Bearer " + value, now + 100 * SECOND, now + 150 * SECOND);
    }

    private static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(3));
    }

    private AccessToken first() {
        CompletableFuture<AccessToken> f = cache.get(deadline());
        assertFalse(f.isDone(), "no token yet: the caller waits for the fetch");
        AccessToken t1 = token("t1");
        fetches.get(0).complete(t1);
        assertSame(t1, f.join());
        return t1;
    }

    @Test
    void servesTheCurrentTokenWhileItsRefreshIsUnderWay() {
        AccessToken t1 = first();
        now += 120 * SECOND;

        CompletableFuture<AccessToken> during = cache.get(deadline());
        assertTrue(during.isDone(), "a valid token is handed out at once");
        assertSame(t1, during.join());
        assertSame(t1, cache.get(deadline()).join());
        assertEquals(2, fetches.size(), "one refresh for all callers");

        AccessToken t2 = token("t2");
        fetches.get(1).complete(t2);
        assertSame(t2, cache.get(deadline()).join());
        assertEquals(2, fetches.size());
    }

    @Test
    void aCallerWaitsWhenNoValidTokenIsLeft() {
        first();
        now += 160 * SECOND;

        CompletableFuture<AccessToken> after = cache.get(deadline());
        assertFalse(after.isDone(), "an expired token is never handed out");
        AccessToken t2 = token("t2");
        fetches.get(1).complete(t2);
        assertSame(t2, after.join());
    }

    @Test
    void aFailedRefreshAheadIsRetriedAfterAPauseWhileTheTokenStaysInUse() {
        AccessToken t1 = first();
        now += 120 * SECOND;
        assertSame(t1, cache.get(deadline()).join());
        fetches.get(1).completeExceptionally(new IllegalStateException("token endpoint down"));

        now += AccessTokenCache.RETRY_AHEAD_NANOS / 2;
        assertSame(t1, cache.get(deadline()).join());
        assertEquals(2, fetches.size(), "no new refresh right after a failed one");

        now += AccessTokenCache.RETRY_AHEAD_NANOS;
        assertSame(t1, cache.get(deadline()).join());
        assertEquals(3, fetches.size(), "retried after the pause");
    }

    @Test
    void aRefusedTokenIsNotHandedOutAgain() {
        AccessToken t1 = first();
        cache.invalidate(t1.headerValue());

        CompletableFuture<AccessToken> next = cache.get(deadline());
        assertFalse(next.isDone());
        fetches.get(1).complete(token("t2"));
        assertEquals("Bearer t2", next.join().headerValue());
    }
}
