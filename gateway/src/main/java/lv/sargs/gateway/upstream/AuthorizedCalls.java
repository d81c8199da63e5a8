package lv.sargs.gateway.upstream;

import lv.sargs.gateway.upstream.core.UpstreamRequest;
import lv.sargs.gateway.upstream.core.UpstreamException;
import lv.sargs.gateway.upstream.core.Phase;
import lv.sargs.gateway.upstream.core.Deadline;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * GETs to an upstream with an {@link Authorization} header (and fixed extra headers): a 401 hands
 * the refused value back to the source, and the call is made once more with a fresh value; a
 * second 401 fails with {@code UNAUTHORIZED}.
 */
public final class AuthorizedCalls {

    private final UpstreamClient upstream;
    private final Authorization authorization;
    private final List<UpstreamRequest.Header> headers;

    /** Calls on {@code upstream} authorized by {@code authorization}, each also carrying {@code headers}. */
    public AuthorizedCalls(UpstreamClient upstream, Authorization authorization, List<UpstreamRequest.Header> headers) {
        this.upstream = upstream;
        this.authorization = authorization;
        this.headers = List.copyOf(headers);
    }

    /** {@code GET path} with JSON accepted; completes with any status but 401 (after one renewal), 429 and 5xx. */
    public CompletableFuture<UpstreamResponse> get(String path, Deadline deadline) {
        return authorization.value(deadline).thenCompose(value -> send(path, value, deadline, true));
    }

    private CompletableFuture<UpstreamResponse> send(String path, String value, Deadline deadline, boolean mayRenew) {
        UpstreamRequest request = new UpstreamRequest("GET", path, headers, null, null)
                .withHeader("Authorization", value)
                .withHeader("Accept", "application/json");
        return upstream.call(request, deadline).thenCompose(response -> {
            if (response.status() != 401) {
                return CompletableFuture.completedFuture(response);
            }
            authorization.refused(value);
            if (!mayRenew) {
                throw new CompletionException(new UpstreamException(UpstreamException.Code.UNAUTHORIZED,
                        upstream.name(), Phase.RESPONSE, "HTTP 401 to GET " + path + " after renewing the authorization"));
            }
            return authorization.value(deadline).thenCompose(renewed -> send(path, renewed, deadline, false));
        });
    }
}
