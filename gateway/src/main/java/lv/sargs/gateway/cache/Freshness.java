package lv.sargs.gateway.cache;

import java.time.Duration;

/**
 * How long answers of one source and data class stay fresh, how long a "not found" is believed,
 * and how long past freshness an answer may be served when the register fails.
 */
public record Freshness(Duration ttl, Duration negativeTtl, Duration staleIfError) {

    public Freshness {
        if (ttl.isNegative() || negativeTtl.isNegative() || staleIfError.isNegative()) {
            throw new IllegalArgumentException("freshness durations must not be negative: " + this);
        }
    }

    /** The cache entry for an answer fetched at {@code nowMillis}. */
    public CachedAnswer entry(byte[] body, String source, boolean negative, long nowMillis) {
        long fresh = nowMillis + (negative ? negativeTtl : ttl).toMillis();
        long stale = negative ? fresh : fresh + staleIfError.toMillis();
        return new CachedAnswer(body, source, negative, nowMillis, fresh, stale);
    }
}
