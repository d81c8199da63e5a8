package lv.sargs.sandbox.server;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A simulator's endpoints, matched in order. */
public final class Routes {

    /** The endpoint name of requests no route matches. */
    public static final String UNROUTED = "unrouted";

    private final List<Route> routes;

    /** The routes, first match wins. */
    public Routes(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /** The endpoint names, in route order. */
    public Set<String> endpoints() {
        Set<String> names = new LinkedHashSet<>();
        routes.forEach(r -> names.add(r.endpoint()));
        return names;
    }

    /** The endpoint a request goes to, whatever its method; {@link #UNROUTED} if none. */
    public String endpointOf(HttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        for (Route route : routes) {
            if (route.match(path) != null) {
                return route.endpoint();
            }
        }
        return UNROUTED;
    }

    /** The matching route and its path parameters, or {@code null}. */
    Match match(String path) {
        for (Route route : routes) {
            Map<String, String> params = route.match(path);
            if (params != null) {
                return new Match(route, params);
            }
        }
        return null;
    }

    /** A route with the path parameters it extracted. */
    record Match(Route route, Map<String, String> params) {
    }
}
