package lv.sargs.gateway.http;

import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps method + path to a route: templates with {@code {param}} segments, each route with the
 * {@link Access} it requires. Adding a route is one line:
 *
 * <pre>{@code
 * Router router = Router.builder()
 *         .get("/v1/whoami", Access.ANY_CLIENT, new WhoAmI())
 *         .get("/v1/companies/{regNo}", Access.role("lookup"), companies::get)
 *         .build();
 * }</pre>
 *
 * A path no template matches is 404; a matched path without the method is 405 with {@code Allow}.
 * When several templates match, the one with fewer parameters wins (literal beats {@code {param}}).
 */
public final class Router {

    private final Entry[] entries;
    /** The methods some streaming route has: a request with another method needs no match to know it is buffered. */
    private final Set<HttpMethod> streamingMethods;

    private Router(List<Entry> entries) {
        this.entries = entries.toArray(new Entry[0]);
        Set<HttpMethod> streaming = new HashSet<>();
        for (Entry e : this.entries) {
            e.byMethod.values().stream().filter(r -> r.streaming() != null).forEach(r -> streaming.add(r.method()));
        }
        this.streamingMethods = Set.copyOf(streaming);
    }

    /** Whether any route with {@code method} streams its body (if not, no request with it is matched twice). */
    boolean streams(HttpMethod method) {
        return streamingMethods.contains(method);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A route as registered; {@code deadlineNanos} replaces the listener's {@code requestTimeout}
     * when positive (a route whose work is long by nature, e.g. producing a statistical report).
     * A streaming route has {@code streaming} (and no {@code handler}); a buffered one takes a body
     * up to its {@code bodyClass}'s bound.
     */
    record Route(HttpMethod method, PathPattern pattern, Access access, RouteHandler handler, long deadlineNanos,
                 Streaming streaming, BodyClass bodyClass) {
    }

    /** A streaming route's handler and its own body limit, set by configuration key {@code limitKey}. */
    record Streaming(StreamingRouteHandler handler, long maxBytes, String limitKey) {
    }

    /** The outcome of matching: a route with its captured values, or the Allow header of a 405, or neither (404). */
    record Match(Route route, String[] params, String allow) {
        static final Match NOT_FOUND = new Match(null, null, null);
    }

    private record Entry(PathPattern pattern, Map<HttpMethod, Route> byMethod, String allow) {
    }

    /** Every route as {@code METHOD template}, sorted: for the start-up log and the API contract test. */
    public List<String> describe() {
        List<String> out = new java.util.ArrayList<>();
        for (Entry e : entries) {
            e.byMethod.keySet().forEach(m -> out.add(m.name() + " " + e.pattern.template()));
        }
        out.sort(null);
        return out;
    }

    /** Matches {@code uri} (path, optionally with a query) and {@code method}. */
    Match match(HttpMethod method, String uri) {
        int end = uri.indexOf('?');
        if (end < 0) {
            end = uri.length();
        }
        String allow = null;
        for (Entry e : entries) {
            if (!e.pattern.matches(uri, end, null)) {
                continue;
            }
            Route route = e.byMethod.get(method);
            if (route == null) {
                allow = allow == null ? e.allow : allow;
                continue;
            }
            String[] params = null;
            if (e.pattern.paramCount() > 0) {
                params = new String[e.pattern.paramCount()];
                e.pattern.matches(uri, end, params);
            }
            return new Match(route, params, null);
        }
        return allow == null ? Match.NOT_FOUND : new Match(null, null, allow);
    }

    /** Collects routes; templates are validated as they are added. */
    public static final class Builder {
        private final Map<String, Map<HttpMethod, Route>> byTemplate = new LinkedHashMap<>();
        private final Map<String, PathPattern> patterns = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder get(String template, Access access, RouteHandler handler) {
            return route(HttpMethod.GET, template, access, handler);
        }

        public Builder post(String template, Access access, RouteHandler handler) {
            return route(HttpMethod.POST, template, access, handler);
        }

        /** Adds a POST whose body is bounded by {@code body}'s class rather than the small one. */
        public Builder post(String template, Access access, BodyClass body, RouteHandler handler) {
            PathPattern pattern = patterns.computeIfAbsent(template, PathPattern::parse);
            return add(new Route(HttpMethod.POST, pattern, access, handler, 0, null, body));
        }

        /**
         * Adds a POST whose answer may take up to {@code deadline} instead of the listener's
         * {@code requestTimeout}: for work that is long by nature and must not be cut off (and
         * retried) half-way, never for a register lookup.
         */
        public Builder post(String template, Access access, Duration deadline, RouteHandler handler) {
            if (deadline == null || deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("route deadline: " + deadline + " (expected: a positive duration)");
            }
            return add(HttpMethod.POST, template, access, handler, deadline.toNanos());
        }

        /**
         * Adds a POST whose body is streamed to {@code handler} as it arrives, in bounded memory, up
         * to {@code maxBytes} (beyond it 413) instead of being buffered up to the listener's
         * {@code maxBodySize}: for bodies too large to hold, e.g. a statistical report.
         * {@code maxBytesKey} is the configuration key that sets the limit, named in the 413.
         */
        public Builder postStreaming(String template, Access access, Duration deadline, long maxBytes, String maxBytesKey,
                                     StreamingRouteHandler handler) {
            if (deadline == null || deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("route deadline: " + deadline + " (expected: a positive duration)");
            }
            if (maxBytes <= 0) {
                throw new IllegalArgumentException(maxBytesKey + ": " + maxBytes + " (expected: a positive size)");
            }
            return add(new Route(HttpMethod.POST, patterns.computeIfAbsent(template, PathPattern::parse), access, null,
                    deadline.toNanos(), new Streaming(handler, maxBytes, maxBytesKey), null));
        }

        public Builder put(String template, Access access, RouteHandler handler) {
            return route(HttpMethod.PUT, template, access, handler);
        }

        public Builder delete(String template, Access access, RouteHandler handler) {
            return route(HttpMethod.DELETE, template, access, handler);
        }

        /** Adds {@code method template}, callable by clients {@code access} admits. */
        public Builder route(HttpMethod method, String template, Access access, RouteHandler handler) {
            return add(method, template, access, handler, 0);
        }

        private Builder add(HttpMethod method, String template, Access access, RouteHandler handler, long deadlineNanos) {
            PathPattern pattern = patterns.computeIfAbsent(template, PathPattern::parse);
            return add(new Route(method, pattern, access, handler, deadlineNanos, null, BodyClass.SMALL));
        }

        private Builder add(Route route) {
            String template = route.pattern().template();
            Map<HttpMethod, Route> methods = byTemplate.computeIfAbsent(template, t -> new LinkedHashMap<>());
            if (methods.putIfAbsent(route.method(), route) != null) {
                throw new IllegalArgumentException("route: " + route.method() + " " + template
                        + " (expected: each method and template once)");
            }
            return this;
        }

        public Router build() {
            List<Entry> entries = new ArrayList<>();
            for (Map.Entry<String, Map<HttpMethod, Route>> e : byTemplate.entrySet()) {
                Set<String> allow = new LinkedHashSet<>();
                for (HttpMethod m : e.getValue().keySet()) {
                    allow.add(m.name());
                }
                entries.add(new Entry(patterns.get(e.getKey()), Map.copyOf(e.getValue()), String.join(", ", allow)));
            }
            entries.sort(Comparator.comparingInt(e -> e.pattern.paramCount()));
            return new Router(entries);
        }
    }
}
