package lv.sargs.gateway.upstream.oauth;

import java.util.concurrent.CompletableFuture;

/**
 * A fresh client assertion (RFC 7523) for each token request — e.g. VISS's JWT signed on the
 * token — completing off any event loop's critical path; a failure fails the token request.
 */
@FunctionalInterface
public interface ClientAssertion {

    /** A new assertion (new {@code jti}), never one sent before. */
    CompletableFuture<String> next();
}
