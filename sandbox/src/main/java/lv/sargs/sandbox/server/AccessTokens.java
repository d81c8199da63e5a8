package lv.sargs.sandbox.server;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opaque bearer tokens a simulator issued, each bound to the client and the TLS certificate that
 * obtained it and valid for a fixed time. Expired tokens are dropped as new ones are issued, so
 * memory stays bounded by the issue rate times the lifetime.
 */
public final class AccessTokens {

    private final Clock clock;
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();

    /** Tokens whose expiry is judged by {@code clock}. */
    public AccessTokens(Clock clock) {
        this.clock = clock;
    }

    /**
     * A token's binding.
     *
     * @param clientId the client it was issued to
     * @param certificateFingerprint SHA-256 of the TLS client certificate that obtained it
     * @param expiresAt the end of its validity
     */
    public record Grant(String clientId, String certificateFingerprint, Instant expiresAt) {
    }

    /** Issues a new token for {@code clientId} over {@code certificate}, valid for {@code lifetime}. */
    public String issue(String clientId, X509Certificate certificate, Duration lifetime) {
        Instant now = clock.instant();
        grants.values().removeIf(g -> !g.expiresAt().isAfter(now));
        String token = UUID.randomUUID().toString();
        grants.put(token, new Grant(clientId, RegisteredCertificates.fingerprint(certificate), now.plus(lifetime)));
        return token;
    }

    /** Why a presented token does not authorize a call. */
    public enum Refusal { UNKNOWN, EXPIRED, OTHER_CERTIFICATE }

    /** The refusal for {@code token} presented over {@code certificate}, or {@code null} when it is good. */
    public Refusal check(String token, X509Certificate certificate) {
        Grant grant = token == null ? null : grants.get(token);
        if (grant == null) {
            return Refusal.UNKNOWN;
        }
        if (!grant.expiresAt().isAfter(clock.instant())) {
            return Refusal.EXPIRED;
        }
        if (!grant.certificateFingerprint().equals(RegisteredCertificates.fingerprint(certificate))) {
            return Refusal.OTHER_CERTIFICATE;
        }
        return null;
    }

    /** The client a good token belongs to, or {@code null}. */
    public String clientOf(String token) {
        Grant grant = token == null ? null : grants.get(token);
        return grant == null ? null : grant.clientId();
    }
}
