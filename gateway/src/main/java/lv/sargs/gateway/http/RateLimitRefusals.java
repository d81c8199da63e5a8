package lv.sargs.gateway.http;

/**
 * Hears each request refused 429 because its client was past its request rate, on the event loop
 * that refused it: it must only count, never block.
 */
@FunctionalInterface
public interface RateLimitRefusals {

    /** Nobody listening. */
    RateLimitRefusals NONE = (client, requestId, route) -> { };

    /** Request {@code requestId} of {@code client} to {@code route} (its template) was refused. */
    void refused(String client, String requestId, String route);
}
