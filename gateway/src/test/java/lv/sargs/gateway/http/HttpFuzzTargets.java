package lv.sargs.gateway.http;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Fuzz targets for what a client sends before any route: the request target (path and query) and
 * JSON bodies. Each nested class has Jazzer's {@code fuzzerTestOneInput(byte[])}; a finding is any
 * exception other than the parser's documented refusal, or a refusal in a library's words.
 */
public final class HttpFuzzTargets {

    private HttpFuzzTargets() {
    }

    /** Request targets: a target the head rules accept must route and decode without an exception. */
    public static final class Target {
        private static final Router ROUTER = Router.builder()
                .get("/v1/companies/{regNo}", Access.role("lookup"), r -> CompletableFuture.completedFuture(Response.json("x")))
                .get("/v1/persons/{code}/roles/{entity}", Access.ANY_CLIENT, r -> CompletableFuture.completedFuture(Response.json("x")))
                .get("/", Access.ANY_CLIENT, r -> CompletableFuture.completedFuture(Response.json("x")))
                .build();

        public static void fuzzerTestOneInput(byte[] data) {
            String uri = new String(data, StandardCharsets.ISO_8859_1);
            RequestHeadRules.Broken broken = RequestHeadRules.checkTarget(uri);
            if (broken != null) {
                FuzzContract.ownWords(broken.detail(), data);
                return;
            }
            ROUTER.match(HttpMethod.GET, uri);
            new QueryStringDecoder(uri).parameters();
        }
    }

    /** JSON bodies: refused as IOException, described in the gateway's words. */
    public static final class StrictJsonBody {
        public static void fuzzerTestOneInput(byte[] data) {
            try {
                StrictJson.read(data);
            } catch (IOException e) {
                FuzzContract.ownWords(StrictJson.describe(e), data);
            }
        }
    }
}
