package lv.sargs.gateway.lookup;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import lv.sargs.gateway.http.Access;
import lv.sargs.gateway.http.ProblemException;
import lv.sargs.gateway.http.ProblemType;
import lv.sargs.gateway.http.Request;
import lv.sargs.gateway.http.Response;
import lv.sargs.gateway.http.Router;
import lv.sargs.gateway.identifiers.InvalidIdentifierException;
import lv.sargs.gateway.identifiers.PersonalCode;
import lv.sargs.gateway.identifiers.RegistrationNumber;
import lv.sargs.gateway.watch.Change;
import lv.sargs.gateway.watch.WatchStore;
import lv.sargs.gateway.watch.WatchedSubject;

/**
 * Change monitoring and cache purges on the client API: the watchlist kept only in the appliance,
 * the cursor feed of what changed, and forgetting one subject. Store writes are synced, so they
 * run on {@code blocking}, never on the event loop.
 */
final class WatchRoutes {

    private static final int MAX_LIMIT = 1000;

    private final WatchStore store;
    private final Consumer<WatchedSubject> purge;
    private final Executor blocking;
    private final Clock clock;

    WatchRoutes(WatchStore store, Consumer<WatchedSubject> purge, Executor blocking, Clock clock) {
        this.store = store;
        this.purge = purge;
        this.blocking = blocking;
        this.clock = clock;
    }

    Router.Builder addTo(Router.Builder routes) {
        return routes
                .put("/v1/watchlist/{kind}/{id}", Access.role(LookupRoutes.ROLE), this::watch)
                .delete("/v1/watchlist/{kind}/{id}", Access.role(LookupRoutes.ROLE), this::unwatch)
                .get("/v1/changes", Access.role(LookupRoutes.ROLE), this::changes)
                .delete("/v1/cache/{kind}/{id}", Access.role(LookupRoutes.ROLE), this::purge);
    }

    private CompletableFuture<Response> watch(Request r) {
        WatchedSubject subject = subject(r);
        return CompletableFuture.supplyAsync(() -> store.watch(subject, clock.instant())
                ? Response.empty(HttpResponseStatus.CREATED) : Response.empty(HttpResponseStatus.NO_CONTENT), blocking);
    }

    private CompletableFuture<Response> unwatch(Request r) {
        WatchedSubject subject = subject(r);
        return CompletableFuture.supplyAsync(() -> {
            if (!store.unwatch(subject)) {
                throw new ProblemException(LookupProblem.SUBJECT_NOT_FOUND, subject.kind() + " " + subject.id()
                        + ": not on the watchlist");
            }
            return Response.empty(HttpResponseStatus.NO_CONTENT);
        }, blocking);
    }

    private CompletableFuture<Response> purge(Request r) {
        WatchedSubject subject = subject(r);
        return CompletableFuture.supplyAsync(() -> {
            purge.accept(subject);
            return Response.empty(HttpResponseStatus.NO_CONTENT);
        }, blocking);
    }

    private CompletableFuture<Response> changes(Request r) {
        long after = number(r, "after", 0, Long.MAX_VALUE, 0);
        int limit = (int) number(r, "limit", 1, MAX_LIMIT, 100);
        // A page of the feed may come from disk: read it off the event loop.
        return CompletableFuture.supplyAsync(() -> page(store.changesAfter(after, limit), after), blocking);
    }

    private static Response page(List<Change> page, long after) {
        List<Map<String, Object>> out = page.stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cursor", Long.toString(c.cursor()));
            m.put("kind", c.subject().kind());
            m.put("id", c.subject().id());
            m.put("source", c.source());
            m.put("changedAt", c.changedAt().toString());
            m.put("sections", c.sections());
            return m;
        }).toList();
        String next = page.isEmpty() ? Long.toString(after) : Long.toString(page.get(page.size() - 1).cursor());
        return Response.json(Map.of("changes", out, "next", next));
    }

    private static WatchedSubject subject(Request r) {
        String kind = r.param("kind");
        String id = r.param("id");
        try {
            return switch (kind) {
                case "company" -> new WatchedSubject(kind, new RegistrationNumber(id).digits());
                case "person" -> new WatchedSubject(kind, PersonalCode.parse(id).digits());
                default -> throw new ProblemException(ProblemType.BAD_REQUEST, "kind: " + kind
                        + " (expected: company or person)");
            };
        } catch (InvalidIdentifierException e) {
            throw new ProblemException(LookupProblem.INVALID_IDENTIFIER, e.getMessage());
        }
    }

    private static long number(Request r, String name, long min, long max, long absent) {
        String v = r.query(name);
        if (v == null) {
            return absent;
        }
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // Falls through to the problem below.
        }
        throw new ProblemException(ProblemType.BAD_REQUEST, "query " + name + ": " + v + " (expected: "
                + min + "-" + max + ")");
    }
}
