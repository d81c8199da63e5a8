package lv.sargs.sandbox.server;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import lv.sargs.sandbox.fault.Faults;

/**
 * A register simulator whose callers are registered clients (a client id, a secret and the
 * certificate it must present): keeps the registrations, serves its routes over mutual TLS with
 * faults and call counts, and offers the controls tests and the standalone launcher use.
 */
public abstract class RegisteredClientsSimulator implements AutoCloseable {

    /** Registered clients by id; token endpoints read it. */
    protected final Map<String, RegisteredClient> clients = new ConcurrentHashMap<>();
    private final RegisteredCertificates certificates = new RegisteredCertificates();
    private final CallCounter calls = new CallCounter();
    private Faults faults;
    private HttpsSimulator server;

    /** Starts serving {@code routes}; call once, at the end of the subclass's constructor. */
    protected final void serve(String name, InetSocketAddress bind, ServerCertificates serverCertificates,
                               Routes routes, int ioThreads) {
        this.faults = new Faults(routes.endpoints());
        this.server = HttpsSimulator.start(name, bind, serverCertificates, certificates, routes, faults, calls,
                ioThreads);
    }

    /** Registers another client; applies to new handshakes. */
    public final void register(RegisteredClient client) {
        clients.put(client.clientId(), client);
        certificates.register(client.certificate());
    }

    /** The registered clients, in no particular order. */
    public final List<RegisteredClient> clients() {
        return List.copyOf(clients.values());
    }

    /** {@code https://127.0.0.1:<port>}. */
    public final URI baseUri() {
        return server.baseUri();
    }

    /** The fault controls, per endpoint. */
    public final Faults faults() {
        return faults;
    }

    /** Requests received, per endpoint. */
    public final CallCounter calls() {
        return calls;
    }

    @Override
    public void close() {
        server.close();
    }
}
