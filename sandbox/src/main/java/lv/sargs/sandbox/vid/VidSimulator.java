package lv.sargs.sandbox.vid;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpMethod;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.regex.Pattern;
import lv.sargs.sandbox.data.World;
import lv.sargs.sandbox.fault.Faults;
import lv.sargs.sandbox.server.CallCounter;
import lv.sargs.sandbox.server.RegisteredClientsSimulator;
import lv.sargs.sandbox.server.Route;
import lv.sargs.sandbox.server.Routes;
import lv.sargs.sandbox.server.ServerCertificates;
import lv.sargs.sandbox.server.SimulatorRequest;
import lv.sargs.sandbox.server.SimulatorResponse;

/**
 * A simulator of the State Revenue Service's (VID) taxpayer data — VAT registration and tax debt
 * of companies and persons — over mutual TLS, the registered client certificate being the only
 * credential. VID's real interface for banks is <strong>unconfirmed</strong>: the path, the JSON
 * and the authentication here are the sandbox's assumption, to be replaced when VID confirms them.
 *
 * <p>{@code GET /taxpayer/v1/taxpayers/{taxpayerCode}}: 200 with
 * {@code {taxpayerCode, name, kind, vat: {registered, number, registeredOn}, taxDebt: {amount,
 * currency, asOf}}}, 404 {@code TAXPAYER_NOT_FOUND}, 400 {@code INVALID_TAXPAYER_CODE}.
 */
public final class VidSimulator extends RegisteredClientsSimulator {

    /** Endpoint name, for {@link Faults} and {@link CallCounter}. */
    public static final String TAXPAYER = "taxpayer";

    private static final Pattern CODE = Pattern.compile("\\d{11}");

    private final TaxLedger ledger;

    private VidSimulator(World world, ServerCertificates serverCertificates, InetSocketAddress bind, int ioThreads) {
        this.ledger = new TaxLedger(world);
        serve("vid", bind, serverCertificates, new Routes(List.of(
                new Route(TAXPAYER, HttpMethod.GET, "/taxpayer/v1/taxpayers/{taxpayerCode}", this::taxpayer))),
                ioThreads);
    }

    /**
     * Starts the simulator; register clients with {@link #register} before they call.
     *
     * @param world the taxpayers are its companies and persons
     * @param serverCertificates the identities it can present
     * @param bind a loopback address; port 0 for any free port
     * @param ioThreads event loop threads
     */
    public static VidSimulator start(World world, ServerCertificates serverCertificates, InetSocketAddress bind,
                                     int ioThreads) {
        return new VidSimulator(world, serverCertificates, bind, ioThreads);
    }

    /** What the simulator answers about each taxpayer, for tests to compare with. */
    public TaxLedger ledger() {
        return ledger;
    }

    private SimulatorResponse taxpayer(SimulatorRequest request) {
        String code = request.pathParams().get("taxpayerCode");
        if (code == null || !CODE.matcher(code).matches()) {
            return error(400, "INVALID_TAXPAYER_CODE", "taxpayerCode: " + code + " (expected: 11 digits)");
        }
        return ledger.taxpayer(code).map(t -> SimulatorResponse.json(200, json(t)))
                .orElseGet(() -> error(404, "TAXPAYER_NOT_FOUND", "taxpayerCode: " + code + " (no such taxpayer)"));
    }

    private static ObjectNode json(TaxRecord t) {
        ObjectNode out = SimulatorResponse.mapper().createObjectNode();
        out.put("taxpayerCode", t.taxpayerCode());
        out.put("name", t.name());
        out.put("kind", t.legalPerson() ? "LEGAL_PERSON" : "NATURAL_PERSON");
        ObjectNode vat = out.putObject("vat");
        vat.put("registered", t.vatNumber().isPresent());
        t.vatNumber().ifPresent(n -> vat.put("number", n));
        t.vatRegisteredOn().ifPresent(d -> vat.put("registeredOn", d.toString()));
        ObjectNode debt = out.putObject("taxDebt");
        debt.put("amount", t.debtAmount());
        debt.put("currency", "EUR");
        debt.put("asOf", t.asOf().toString());
        return out;
    }

    private static SimulatorResponse error(int status, String code, String message) {
        ObjectNode out = SimulatorResponse.mapper().createObjectNode();
        out.put("code", code);
        out.put("message", message);
        return SimulatorResponse.json(status, out);
    }
}
