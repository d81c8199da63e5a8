package lv.sargs.gateway.http;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import lv.sargs.gateway.admission.RecognizedClient;

/** {@code GET /v1/whoami}: the recognised client as the gateway sees it (name, roles, purposes, source), for set-up checks. */
public final class WhoAmI implements RouteHandler {

    /** The JSON body. */
    record Body(String name, List<String> roles, List<String> purposes, String source) {
    }

    @Override
    public CompletableFuture<Response> handle(Request request) {
        RecognizedClient c = request.client();
        Body body = new Body(c.name(), c.roles().stream().sorted().toList(), c.purposes().stream().sorted().toList(),
                c.source().getHostAddress());
        return CompletableFuture.completedFuture(Response.json(body));
    }
}
