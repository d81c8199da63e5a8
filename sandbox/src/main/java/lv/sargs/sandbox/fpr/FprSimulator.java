package lv.sargs.sandbox.fpr;

import io.netty.handler.codec.http.HttpMethod;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import lv.sargs.sandbox.data.Change;
import lv.sargs.sandbox.data.StateIdentifiers;
import lv.sargs.sandbox.data.World;
import lv.sargs.sandbox.fault.Faults;
import lv.sargs.sandbox.server.AccessTokens;
import lv.sargs.sandbox.server.CallCounter;
import lv.sargs.sandbox.server.RegisteredClientsSimulator;
import lv.sargs.sandbox.server.Route;
import lv.sargs.sandbox.server.Routes;
import lv.sargs.sandbox.server.ServerCertificates;
import lv.sargs.sandbox.server.SimulatorRequest;
import lv.sargs.sandbox.server.SimulatorResponse;

/**
 * The population register simulator in the DAGR style (docs/protocols.md §2): a token endpoint, and
 * the {@code fpr_person} dataset by personal code (current or previous) and as a changes list,
 * over mutual TLS with {@code Authorization} and {@code X-DAGR-Permission} on every data call.
 */
public final class FprSimulator extends RegisteredClientsSimulator {

    /** Endpoint names, for {@link Faults} and {@link CallCounter}. */
    public static final String TOKEN = "token";
    public static final String PERSON = "person";
    public static final String PERSON_CHANGES = "person-changes";

    private static final int MAX_PAGE = 1_000;

    private final World world;
    private final String permission;

    private FprSimulator(World world, FprOptions options, ServerCertificates serverCertificates,
                         InetSocketAddress bind, Clock clock, int ioThreads) {
        this.world = world;
        this.permission = options.permission();
        options.clients().forEach(this::register);
        AccessTokens tokens = new AccessTokens(clock);
        DagrGate gate = new DagrGate(tokens, options.permission());
        Routes routes = new Routes(List.of(
                new Route(TOKEN, HttpMethod.POST, "/token",
                        new FprTokenEndpoint(clients, tokens, options.tokenLifetime())::handle),
                new Route(PERSON_CHANGES, HttpMethod.GET, "/fpr_person/v1/persons-changes", gate.guard(this::changes)),
                new Route(PERSON, HttpMethod.GET, "/fpr_person/v1/persons/{personalCode}", gate.guard(this::person))));
        serve("fpr", bind, serverCertificates, routes, ioThreads);
    }

    /**
     * Starts the simulator.
     *
     * @param world the registers' data
     * @param options permission number, token lifetime and registered clients
     * @param serverCertificates the identities it can present
     * @param bind a loopback address; port 0 for any free port
     * @param clock judges token times
     * @param ioThreads event loop threads
     */
    public static FprSimulator start(World world, FprOptions options, ServerCertificates serverCertificates,
                                     InetSocketAddress bind, Clock clock, int ioThreads) {
        return new FprSimulator(world, options, serverCertificates, bind, clock, ioThreads);
    }

    /** The permission number calls must carry in {@code X-DAGR-Permission}. */
    public String permission() {
        return permission;
    }

    private SimulatorResponse person(SimulatorRequest request) {
        String code = request.pathParams().get("personalCode");
        Optional<String> digits = StateIdentifiers.personalCodeDigits(code);
        if (digits.isEmpty()) {
            return FprJson.error(400, "INVALID_PERSONAL_CODE", "personalCode: " + code
                    + " (expected: 11 digits of a valid old- or new-format personal code)");
        }
        String canonical = digits.get();
        return world.person(canonical)
                .map(p -> SimulatorResponse.json(200, FprJson.person(p, canonical)))
                .orElseGet(() -> FprJson.error(404, "PERSON_NOT_FOUND", "personalCode: " + code + " (no such person)"));
    }

    private SimulatorResponse changes(SimulatorRequest request) {
        long from;
        int limit;
        try {
            from = request.queryParam("from") == null ? 0 : Long.parseLong(request.queryParam("from"));
            limit = request.queryParam("limit") == null ? 100 : Integer.parseInt(request.queryParam("limit"));
        } catch (NumberFormatException e) {
            from = -1;
            limit = -1;
        }
        if (from < 0 || limit < 1 || limit > MAX_PAGE) {
            return FprJson.error(400, "INVALID_PARAMETER", "from/limit: " + request.queryParam("from") + "/"
                    + request.queryParam("limit") + " (expected: a cursor from nextCursor and 1-" + MAX_PAGE + ")");
        }
        List<Change> page = world.changesAfter(from, Change.Subject.NATURAL_PERSON, limit);
        long next = page.isEmpty() ? from : page.get(page.size() - 1).sequence();
        return SimulatorResponse.json(200, FprJson.changes(page, next));
    }
}
