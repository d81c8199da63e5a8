package lv.sargs.hsm.jws;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The claims of an OAuth 2 JWT client assertion (RFC 7523) as VISS API Pārvaldnieks wants them:
 * {@code iss} = {@code sub} = the consumer key, the exact token endpoint audience, a fresh
 * {@code jti}, {@code iat}/{@code nbf} now and {@code exp} 300–600 s ahead.
 */
public final class ClientAssertions {

    private static final Duration SHORTEST = Duration.ofSeconds(300);
    private static final Duration LONGEST = Duration.ofSeconds(600);

    private ClientAssertions() {
    }

    /** Claims for {@code clientId} towards {@code audience}, issued at {@code now}, valid for {@code lifetime}. */
    public static Map<String, Object> claims(String clientId, String audience, Instant now, Duration lifetime) {
        if (lifetime.compareTo(SHORTEST) < 0 || lifetime.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("client assertion lifetime " + lifetime + " (expected: PT5M to PT10M)");
        }
        long iat = now.getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", clientId);
        claims.put("sub", clientId);
        claims.put("aud", audience);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", iat);
        claims.put("nbf", iat);
        claims.put("exp", iat + lifetime.toSeconds());
        return claims;
    }
}
