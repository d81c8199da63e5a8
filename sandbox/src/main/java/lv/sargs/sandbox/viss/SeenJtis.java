package lv.sargs.sandbox.viss;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code jti}s of accepted client assertions, kept until their assertion expires: after that
 * the {@code exp} rule refuses a replay anyway, so memory stays bounded.
 */
final class SeenJtis {

    private final Map<String, Instant> seen = new ConcurrentHashMap<>();

    /** Records {@code jti} and says whether it is new; a repeat of a remembered one is a replay. */
    boolean firstUse(String clientId, String jti, Instant expiresAt, Instant now) {
        if (seen.size() > 1_000) {
            seen.values().removeIf(exp -> exp.isBefore(now));
        }
        return seen.putIfAbsent(clientId + '\u0000' + jti, expiresAt) == null;
    }
}
