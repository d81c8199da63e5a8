package lv.sargs.gateway.upstream.oauth;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.upstream.Authorization;
import lv.sargs.gateway.upstream.core.Deadline;
import lv.sargs.gateway.upstream.core.Phase;
import lv.sargs.gateway.upstream.UpstreamClient;

/**
 * {@code Authorization: Bearer} from an upstream's OAuth 2 token endpoint by the client-credentials
 * grant (optionally with a client assertion): the token is cached until {@code refreshMargin}
 * before it expires, refreshed once for all concurrent callers, and dropped when a call is refused
 * with it, so the next caller gets a fresh one.
 */
public final class ClientCredentialsGrant implements Authorization {

    private final UpstreamClient upstream;
    private final AccessTokenCache cache;
    private final Metrics.Counter obtained;

    ClientCredentialsGrant(UpstreamClient upstream, OAuthSettings settings, Optional<ClientAssertion> assertion,
                           Metrics metrics, LongSupplier nanoClock) {
        TokenEndpoint endpoint = new TokenEndpoint(upstream, settings, assertion, nanoClock);
        this.upstream = upstream;
        this.obtained = metrics.counter("sargs_upstream_access_tokens_total",
                "Access tokens obtained from an upstream's token endpoint.", "upstream=\"" + upstream.name() + "\"");
        this.cache = new AccessTokenCache(deadline -> {
            obtained.increment();
            return endpoint.fetch(deadline);
        }, nanoClock);
    }

    /**
     * Tokens from {@code upstream}'s endpoint {@code settings.tokenPath()}, with a fresh
     * {@code assertion} in each request when one is given.
     *
     * @param metrics where {@code sargs_upstream_access_tokens_total} is counted
     */
    public static ClientCredentialsGrant create(UpstreamClient upstream, OAuthSettings settings,
                                                Optional<ClientAssertion> assertion, Metrics metrics) {
        return new ClientCredentialsGrant(upstream, settings, assertion, metrics, System::nanoTime);
    }

    /** {@code Bearer <token>}; a caller joining another's refresh waits no longer than its own deadline. */
    @Override
    public CompletableFuture<String> value(Deadline deadline) {
        return upstream.within(cache.get(deadline), deadline, Phase.ACCESS_TOKEN).thenApply(AccessToken::headerValue);
    }

    @Override
    public void refused(String value) {
        cache.invalidate(value);
    }

    /** Token requests made so far (each refresh, the first included). */
    public long tokensRequested() {
        return obtained.get();
    }

    @Override
    public String toString() {
        return "ClientCredentialsGrant[" + upstream.name() + "]";
    }
}
