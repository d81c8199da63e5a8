package lv.sargs.sandbox.viss;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import lv.sargs.sandbox.data.Change;
import lv.sargs.sandbox.data.Company;
import lv.sargs.sandbox.data.Person;
import lv.sargs.sandbox.data.StateIdentifiers;
import lv.sargs.sandbox.data.World;
import lv.sargs.sandbox.fault.Faults;
import lv.sargs.sandbox.server.AccessTokens;
import lv.sargs.sandbox.server.CallCounter;
import lv.sargs.sandbox.server.RateLimiter;
import lv.sargs.sandbox.server.RegisteredClientsSimulator;
import lv.sargs.sandbox.server.Route;
import lv.sargs.sandbox.server.Routes;
import lv.sargs.sandbox.server.ServerCertificates;
import lv.sargs.sandbox.server.SimulatorRequest;
import lv.sargs.sandbox.server.SimulatorResponse;

/**
 * The VISS API Pārvaldnieks simulator (docs/protocols.md §1): the token endpoint and the Enterprise
 * Register APIs over mutual TLS, serving the shared {@link World}.
 */
public final class VissSimulator extends RegisteredClientsSimulator {

    /** Endpoint names, for {@link Faults} and {@link CallCounter}. */
    public static final String TOKEN = "token";
    public static final String LEGAL_ENTITY = "legal-entity";
    public static final String BENEFICIAL_OWNERS = "beneficial-owners";
    public static final String INSOLVENCY_PROCEEDINGS = "insolvency-proceedings";
    public static final String LEGAL_ENTITY_CHANGES = "legal-entity-changes";
    public static final String NATURAL_PERSON = "natural-person";

    private static final int MAX_PAGE = 1_000;
    private static final int DEFAULT_PAGE = 100;

    private final World world;
    private final VissOptions options;

    private VissSimulator(World world, VissOptions options, ServerCertificates serverCertificates,
                          InetSocketAddress bind, Clock clock, int ioThreads) {
        this.world = world;
        this.options = options;
        options.clients().forEach(this::register);
        AccessTokens tokens = new AccessTokens(clock);
        TokenEndpoint token = new TokenEndpoint(clients, new ClientAssertionVerifier(options.audience(), clock),
                tokens, options.tokenLifetime());
        BearerGate gate = new BearerGate(tokens, new RateLimiter(options.ratePermits(), options.rateWindow(), clock),
                clock);
        Routes routes = new Routes(List.of(
                new Route(TOKEN, HttpMethod.POST, "/token", token::handle),
                new Route(LEGAL_ENTITY_CHANGES, HttpMethod.GET, "/legalentity/v1.0/legal-entity-changes",
                        gate.guard(this::changes)),
                new Route(LEGAL_ENTITY, HttpMethod.GET, "/legalentity/v1.0/legal-entity/{regNo}",
                        gate.guard(r -> withCompany(r, VissJson::legalEntity))),
                new Route(BENEFICIAL_OWNERS, HttpMethod.GET, "/legalentity/v1.0/legal-entity/{regNo}/beneficial-owners",
                        gate.guard(r -> withCompany(r, VissJson::beneficialOwners))),
                new Route(INSOLVENCY_PROCEEDINGS, HttpMethod.GET,
                        "/legalentity/v1.0/legal-entity/{regNo}/insolvency-proceedings",
                        gate.guard(r -> withCompany(r, VissJson::insolvencyProceedings))),
                new Route(NATURAL_PERSON, HttpMethod.GET, "/naturalperson/v1.0/natural-person/{personalCode}",
                        gate.guard(this::naturalPerson))));
        serve("viss", bind, serverCertificates, routes, ioThreads);
    }

    /**
     * Starts the simulator.
     *
     * @param world the registers' data
     * @param options audience, token lifetime, rate limit and registered clients
     * @param serverCertificates the identities it can present
     * @param bind a loopback address; port 0 for any free port
     * @param clock judges token and assertion times
     * @param ioThreads event loop threads
     */
    public static VissSimulator start(World world, VissOptions options, ServerCertificates serverCertificates,
                                      InetSocketAddress bind, Clock clock, int ioThreads) {
        return new VissSimulator(world, options, serverCertificates, bind, clock, ioThreads);
    }

    /** The {@code aud} client assertions must carry. */
    public String audience() {
        return options.audience();
    }

    private SimulatorResponse withCompany(SimulatorRequest request, Function<Company, JsonNode> render) {
        String regNo = request.pathParams().get("regNo");
        if (!StateIdentifiers.isRegistrationNumber(regNo)) {
            return VissJson.error("ENTITY_NOT_FOUND", "Legal entity " + regNo
                    + " not found (not a valid registration number)");
        }
        Optional<Company> company = world.company(regNo);
        return company.map(c -> SimulatorResponse.json(200, render.apply(c)))
                .orElseGet(() -> VissJson.error("ENTITY_NOT_FOUND", "Legal entity " + regNo + " not found"));
    }

    private SimulatorResponse naturalPerson(SimulatorRequest request) {
        String code = request.pathParams().get("personalCode");
        Optional<Person> person = StateIdentifiers.isPersonalCode(code) ? world.person(code) : Optional.empty();
        List<Company> entities = person.isPresent() ? world.entitiesOf(code) : List.of();
        if (entities.isEmpty()) {
            // The Enterprise Register knows only persons with a role in some entity.
            return VissJson.error("ENTITY_NOT_FOUND", "Natural person " + code + " not found");
        }
        return SimulatorResponse.json(200, VissJson.naturalPerson(person.get(), entities));
    }

    private SimulatorResponse changes(SimulatorRequest request) {
        long from;
        int limit;
        try {
            String cursor = request.queryParam("from");
            from = cursor == null ? 0 : Long.parseLong(cursor);
            String size = request.queryParam("limit");
            limit = size == null ? DEFAULT_PAGE : Integer.parseInt(size);
        } catch (NumberFormatException e) {
            return VissJson.error("INVALID_PARAMETER", "from/limit: " + request.queryParam("from") + "/"
                    + request.queryParam("limit") + " (expected: a cursor from nextCursor and 1-" + MAX_PAGE + ")");
        }
        if (from < 0 || limit < 1 || limit > MAX_PAGE) {
            return VissJson.error("INVALID_PARAMETER", "from/limit: " + from + "/" + limit
                    + " (expected: a cursor from nextCursor and 1-" + MAX_PAGE + ")");
        }
        List<Change> page = world.changesAfter(from, Change.Subject.LEGAL_ENTITY, limit);
        long next = page.isEmpty() ? from : page.get(page.size() - 1).sequence();
        return SimulatorResponse.json(200, VissJson.changes(page, next));
    }
}
