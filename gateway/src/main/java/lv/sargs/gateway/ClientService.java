package lv.sargs.gateway;

import lv.sargs.gateway.capability.Transport;
import lv.sargs.gateway.capability.StartupException;
import lv.sargs.gateway.capability.Capability;
import java.net.InetSocketAddress;
import java.time.Duration;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.status.StatusModel;
import lv.sargs.gateway.threads.ThreadPools;
import lv.sargs.hsm.Token;

/**
 * The client listener as the lifecycle sees it: started once with everything it needs, stopped
 * once with a grace period. {@link ClientListenerWiring} adapts {@code listener.ClientListener}.
 */
public interface ClientService {

    /** The bound address (the real port when the config says 0). */
    InetSocketAddress address();

    /** The TLS provider the listener runs, for the status model; a fallback from OPENSSL makes it DEGRADED. */
    default lv.sargs.gateway.tls.ServingTls tlsProvider() {
        return lv.sargs.gateway.tls.ServingTls.JDK;
    }

    /**
     * Stops accepting, lets in-flight requests finish within {@code grace}, closes what is left;
     * blocks the caller. Whether everything finished in time.
     */
    boolean shutdown(Duration grace);

    /**
     * Admits by {@code allowList} and {@code clients} from now on and closes the open connections
     * they no longer admit; blocks the caller. How many connections were closed.
     *
     * @throws UnsupportedOperationException when this listener cannot change whom it admits while running
     */
    default int admit(java.util.List<lv.sargs.gateway.config.Cidr> allowList,
                      java.util.List<lv.sargs.gateway.config.ClientConfig> clients) {
        throw new UnsupportedOperationException("this client listener cannot change its clients while running");
    }

    /**
     * What a client listener is started with; the token stays owned by the gateway, and the
     * capabilities contribute the routes.
     */
    record Context(GatewayConfig config, Token token, Transport transport, ThreadPools threads, StatusModel status,
                   Metrics metrics,
                   java.util.List<Capability> capabilities, lv.sargs.gateway.audit.AuditTrail audit) {
    }

    /** Starts a client listener. */
    @FunctionalInterface
    interface Starter {
        ClientService start(Context context) throws StartupException;
    }
}
