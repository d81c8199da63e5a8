package lv.sargs.gateway;

import lv.sargs.gateway.capability.StartupException;
import lv.sargs.gateway.capability.Capability;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import lv.sargs.gateway.audit.RefusalTally;
import lv.sargs.gateway.config.Cidr;
import lv.sargs.gateway.config.ClientConfig;
import lv.sargs.gateway.config.ServerTls;
import lv.sargs.gateway.http.Access;
import lv.sargs.gateway.http.Router;
import lv.sargs.gateway.http.WhoAmI;
import lv.sargs.gateway.listener.ClientListener;
import lv.sargs.gateway.listener.ListenerException;
import lv.sargs.gateway.tls.PemCertificates;
import lv.sargs.gateway.tls.ServerKey;
import lv.sargs.gateway.tls.TlsSetupException;

/**
 * Starts the production client listener for {@link Main}: the server key on the token with the
 * configured chain, the routes core systems call, on the gateway's shared event loops.
 */
final class ClientListenerWiring {

    /** Refusals of one client for its rate are gathered this long into one audit record. */
    static final Duration REFUSAL_WINDOW = Duration.ofMinutes(1);
    private static final Duration REFUSAL_FLUSH = Duration.ofSeconds(5);

    private ClientListenerWiring() {
    }

    /** The routes of the client listener: who-am-I, then each capability's own. */
    static Router routes(List<Capability> capabilities) {
        Router.Builder routes = Router.builder().get("/v1/whoami", Access.ANY_CLIENT, new WhoAmI());
        capabilities.forEach(c -> c.addRoutes(routes));
        return routes.build();
    }

    static ClientService start(ClientService.Context context) throws StartupException {
        ServerTls tls = context.config().clientListener().tls();
        try {
            List<X509Certificate> chain = PemCertificates.read("listeners.client.tls.certificateChain",
                    tls.certificateChain());
            ClientListener listener = new ClientListener(context.config().clientListener(), context.config().clients(),
                    ServerKey.onToken(context.token(), tls.keyLabel(), chain), routes(context.capabilities()),
                    context.metrics(), context.threads(), context.config().threads().tlsHandshakes());
            // Each 429 for a client's rate goes into the audit trail, a flood as one record per client per window.
            RefusalTally rateRefusals = new RefusalTally(context.audit(), REFUSAL_WINDOW, System::currentTimeMillis);
            listener.onRateLimited((client, requestId, route) -> rateRefusals.refused(client, "rate-limited",
                    requestId, Map.of("route", route)));
            ScheduledExecutorService tally = context.threads().scheduler("rate-refusal-tally");
            tally.scheduleAtFixedRate(rateRefusals::flush, REFUSAL_FLUSH.toMillis(), REFUSAL_FLUSH.toMillis(),
                    TimeUnit.MILLISECONDS);
            InetSocketAddress address = listener.start(context.transport().acceptors(), context.transport().workers(),
                    context.transport().serverChannel());
            return new ClientService() {
                @Override
                public InetSocketAddress address() {
                    return address;
                }

                @Override
                public lv.sargs.gateway.tls.ServingTls tlsProvider() {
                    return listener.tlsProvider();
                }

                @Override
                public boolean shutdown(Duration grace) {
                    boolean drained = listener.shutdown(grace);
                    tally.shutdownNow();
                    rateRefusals.close();
                    return drained;
                }

                @Override
                public int admit(List<Cidr> allowList, List<ClientConfig> clients) {
                    return listener.admit(allowList, clients);
                }
            };
        } catch (TlsSetupException | ListenerException e) {
            throw new StartupException(StartupException.Code.LISTENER, e.getMessage(), e);
        }
    }
}
