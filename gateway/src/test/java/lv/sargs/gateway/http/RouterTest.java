package lv.sargs.gateway.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.handler.codec.http.HttpMethod;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static final RouteHandler NONE = r -> CompletableFuture.completedFuture(Response.json("x"));

    private final Router router = Router.builder()
            .get("/v1/companies/{regNo}", Access.role("lookup"), NONE)
            .get("/v1/treasury/payments/{id}", Access.role("treasury"), NONE)
            .post("/v1/treasury/payments/batch", Access.role("treasury"), NONE)
            .get("/v1/persons/{code}/roles/{entity}", Access.ANY_CLIENT, NONE)
            .get("/", Access.ANY_CLIENT, NONE)
            .build();

    @Test
    void capturesDecodedParameters() {
        Router.Match m = router.match(HttpMethod.GET, "/v1/persons/161175-19997/roles/a%20b?x=1");
        assertEquals("/v1/persons/{code}/roles/{entity}", m.route().pattern().template());
        assertArrayEquals(new String[] {"161175-19997", "a b"}, m.params());
        assertArrayEquals(new String[] {"code", "entity"}, m.route().pattern().paramNames());
    }

    @Test
    void literalSegmentWinsOverParameterButOtherMethodsStillReachTheParameter() {
        assertEquals("/v1/treasury/payments/batch",
                router.match(HttpMethod.POST, "/v1/treasury/payments/batch").route().pattern().template());
        Router.Match get = router.match(HttpMethod.GET, "/v1/treasury/payments/batch");
        assertEquals("/v1/treasury/payments/{id}", get.route().pattern().template());
        assertArrayEquals(new String[] {"batch"}, get.params());
    }

    @Test
    void unknownPathIsNotFound() {
        assertSame(Router.Match.NOT_FOUND, router.match(HttpMethod.GET, "/v1/companies"));
        assertSame(Router.Match.NOT_FOUND, router.match(HttpMethod.GET, "/v1/companies/"));
        assertSame(Router.Match.NOT_FOUND, router.match(HttpMethod.GET, "/v1/companies/1/2"));
        assertSame(Router.Match.NOT_FOUND, router.match(HttpMethod.GET, "/v1/companiesX/1"));
        assertSame(Router.Match.NOT_FOUND, router.match(HttpMethod.GET, "//"));
    }

    @Test
    void wrongMethodListsAllowedOnes() {
        Router.Match m = router.match(HttpMethod.DELETE, "/v1/companies/40003521600");
        assertNull(m.route());
        assertEquals("GET", m.allow());
    }

    @Test
    void matchesRoot() {
        assertEquals("/", router.match(HttpMethod.GET, "/?q").route().pattern().template());
    }

    @Test
    void rejectsMalformedTemplatesAndDuplicates() {
        assertThrows(IllegalArgumentException.class, () -> Router.builder().get("v1/x", Access.ANY_CLIENT, NONE));
        assertThrows(IllegalArgumentException.class, () -> Router.builder().get("/v1/x/", Access.ANY_CLIENT, NONE));
        assertThrows(IllegalArgumentException.class, () -> Router.builder().get("/v1//x", Access.ANY_CLIENT, NONE));
        assertThrows(IllegalArgumentException.class, () -> Router.builder().get("/v1/x{id}", Access.ANY_CLIENT, NONE));
        assertThrows(IllegalArgumentException.class, () -> Router.builder().get("/{a}/{a}", Access.ANY_CLIENT, NONE));
        assertThrows(IllegalArgumentException.class, () -> Router.builder()
                .get("/v1/x", Access.ANY_CLIENT, NONE).get("/v1/x", Access.role("r"), NONE));
        assertThrows(IllegalArgumentException.class, () -> Access.role(" "));
    }

    @Test
    void aRouteMayHaveItsOwnDeadlineInsteadOfTheListeners() {
        RouteHandler h = r -> null;
        Router router = Router.builder().post("/v1/slow", Access.ANY_CLIENT, java.time.Duration.ofMinutes(3), h)
                .post("/v1/fast", Access.ANY_CLIENT, h).build();
        assertEquals(java.time.Duration.ofMinutes(3).toNanos(), router.match(HttpMethod.POST, "/v1/slow").route().deadlineNanos());
        assertEquals(0, router.match(HttpMethod.POST, "/v1/fast").route().deadlineNanos());
    }
}
