package lv.sargs.gateway.http;

import java.io.InputStream;
import java.util.concurrent.CompletableFuture;

/**
 * Serves one route whose body is streamed rather than buffered. Called on the event loop as soon
 * as the request head is admitted, before the body has arrived: it must hand {@code body} to its
 * own executor at once and read it there, never on the event loop (a read blocks until the client
 * sends). The body ends with the request's; it fails with {@link BodyAbortedException} if the
 * upload is cut off or refused. Whatever the handler does, the stream is closed after the answer.
 */
@FunctionalInterface
public interface StreamingRouteHandler {

    CompletableFuture<Response> handle(Request request, InputStream body);
}
