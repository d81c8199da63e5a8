package lv.sargs.gateway.http;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request ids: a caller's well-formed {@code X-Request-Id} is kept so its logs and ours join up;
 * otherwise one is made from a per-start random prefix and a counter (unique per start, cheap,
 * and not guessable across restarts).
 */
public final class RequestIds {

    /** The longest incoming id kept. */
    static final int MAX_LENGTH = 64;

    private static final String PREFIX = String.format("%08x-", new SecureRandom().nextInt());
    private static final AtomicLong COUNTER = new AtomicLong();

    private RequestIds() {
    }

    /** {@code incoming} when well-formed (1-64 of {@code A-Z a-z 0-9 . _ : -}), else a new id. */
    public static String fromOrNew(CharSequence incoming) {
        if (incoming != null && isWellFormed(incoming)) {
            return incoming.toString();
        }
        return next();
    }

    /** A new id. */
    public static String next() {
        return PREFIX + Long.toHexString(COUNTER.incrementAndGet());
    }

    static boolean isWellFormed(CharSequence id) {
        int n = id.length();
        if (n == 0 || n > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
