package lv.sargs.gateway;

import lv.sargs.gateway.capability.StartupException;
import lv.sargs.gateway.capability.Capability;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
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
            InetSocketAddress address = listener.start(context.transport().acceptors(), context.transport().workers(),
                    context.transport().serverChannel());
            return new ClientService() {
                @Override
                public InetSocketAddress address() {
                    return address;
                }

                @Override
                public String tlsProvider() {
                    return listener.tlsProvider();
                }

                @Override
                public boolean shutdown(Duration grace) {
                    return listener.shutdown(grace);
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
