package lv.sargs.gateway.cache;

import java.util.Objects;

/**
 * One register answer as cached: the encoded body (or a negative "not found"), where it came
 * from, when it was fetched, until when it is fresh and until when it may still be served stale
 * if the register fails.
 *
 * @param body the answer as sent to clients (UTF-8 JSON); for a negative entry, the problem body
 * @param source the register that answered, e.g. {@code viss} or {@code fpr}
 * @param negative whether the register said the subject does not exist
 * @param fetchedAtMillis when the register answered (epoch ms)
 * @param freshUntilMillis until when the answer is served without asking the register again
 * @param staleUntilMillis until when it may be served, marked stale, when the register fails
 */
public record CachedAnswer(byte[] body, String source, boolean negative, long fetchedAtMillis,
                           long freshUntilMillis, long staleUntilMillis) {

    public CachedAnswer {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(source, "source");
        if (freshUntilMillis < fetchedAtMillis || staleUntilMillis < freshUntilMillis) {
            throw new IllegalArgumentException("cache times out of order: fetched " + fetchedAtMillis
                    + ", fresh until " + freshUntilMillis + ", stale until " + staleUntilMillis);
        }
    }

    /** Whether the answer may be served as fresh at {@code nowMillis}. */
    public boolean isFresh(long nowMillis) {
        return nowMillis < freshUntilMillis;
    }

    /** Whether the answer may still be served, marked stale, at {@code nowMillis}. */
    public boolean isUsableStale(long nowMillis) {
        return nowMillis < staleUntilMillis;
    }

    /** Age in whole seconds at {@code nowMillis}, for the {@code Age} header. */
    public long ageSeconds(long nowMillis) {
        return Math.max(0, (nowMillis - fetchedAtMillis) / 1000);
    }
}
