package lv.sargs.gateway.http;

import java.util.concurrent.CompletableFuture;

/**
 * Serves one route. Called on the connection's event loop, so it must not block: work that
 * blocks (token, store, upstream) runs on its own executor and completes the future from there.
 * Completing exceptionally with a {@link ProblemException} answers that problem; any other
 * failure answers 500 with only the request id.
 */
@FunctionalInterface
public interface RouteHandler {

    CompletableFuture<Response> handle(Request request);
}
