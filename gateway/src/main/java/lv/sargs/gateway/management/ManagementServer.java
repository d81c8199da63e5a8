package lv.sargs.gateway.management;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import lv.sargs.gateway.capability.Transport;
import lv.sargs.gateway.admission.DeclaredClients;
import lv.sargs.gateway.alarm.AlarmModel;
import lv.sargs.gateway.config.ManagementListenerConfig;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.status.StatusModel;
import org.tinylog.Logger;

/**
 * The operators' HTTP/1.1 listener: {@code /healthz}, {@code /readyz}, {@code /v1/status},
 * {@code /metrics} and {@code POST /v1/config/reload}, behind its own allow-list, plain on loopback and TLS elsewhere (the config
 * loader refuses plain HTTP off loopback). Stops in three steps: stop accepting, let in-flight
 * requests finish, close every connection.
 */
public final class ManagementServer implements AutoCloseable {

    private Routes routes;
    private final Channel server;
    private final ChannelGroup connections;
    private final ManagementHandler.Drain drain;

    private ManagementServer(Channel server, ChannelGroup connections, ManagementHandler.Drain drain) {
        this.server = server;
        this.connections = connections;
        this.drain = drain;
    }

    /**
     * Binds and starts serving.
     *
     * @param ssl the TLS context (see {@link ManagementTls}), or {@code null} for plain HTTP on loopback
     * @throws IOException naming {@code listeners.management.bind} when the address cannot be bound
     */
    public static ManagementServer start(ManagementListenerConfig config, Transport transport, StatusModel status,
                                         Metrics metrics, SslContext ssl) throws IOException {
        return start(config, transport, status, metrics, new AlarmModel(java.time.Clock.systemUTC()),
                OperatorDesk.NONE, new DeclaredClients(java.util.List.of()), ssl, ConfigReloader.NONE);
    }

    /**
     * Binds and starts serving, with {@code alarms} in {@code /v1/status}, the operators' actions and
     * {@code POST /v1/config/reload} answered by {@code reloader}.
     *
     * @param desk carries out the operators' actions
     * @param clients the declared clients, of which those with role {@code operator} may act over TLS;
     *                replaced by each reload {@code reloader} applies
     * @param ssl the TLS context (see {@link ManagementTls}), or {@code null} for plain HTTP on loopback
     * @throws IOException naming {@code listeners.management.bind} when the address cannot be bound
     */
    public static ManagementServer start(ManagementListenerConfig config, Transport transport, StatusModel status,
                                         Metrics metrics, AlarmModel alarms, OperatorDesk desk,
                                         DeclaredClients clients, SslContext ssl, ConfigReloader reloader)
            throws IOException {
        if (ssl == null && !config.bind().isLoopback()) {
            throw new IllegalArgumentException("listeners.management.bind: " + config.bind()
                    + " (expected: TLS when not on loopback)");
        }
        ChannelGroup connections = new DefaultChannelGroup("management", GlobalEventExecutor.INSTANCE);
        ManagementHandler.Drain drain = new ManagementHandler.Drain();
        Routes routes = new Routes(status, metrics, alarms, reloader);
        OperatorAccess access = new OperatorAccess(clients);
        // Operators come and go with reloads as the client listener's clients do, without a restart.
        reloader.onClientsReloaded(reloaded -> access.declare(new DeclaredClients(reloaded)));
        ManagementInitializer initializer = new ManagementInitializer(config, ssl, connections,
                new ManagementHandler(routes, new OperatorRoutes(alarms, desk, access), access, drain),
                metrics);
        ChannelFuture bound = new ServerBootstrap()
                .group(transport.acceptors(), transport.workers())
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 64)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer)
                .bind(new InetSocketAddress(config.bind().host(), config.bind().port()))
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IOException("listeners.management.bind: " + config.bind() + " cannot be bound ("
                    + bound.cause().getMessage() + ")", bound.cause());
        }
        ManagementServer server = new ManagementServer(bound.channel(), connections, drain);
        server.routes = routes;
        Logger.info("management listener on {} ({}), {} allow-list block(s)", server.address(),
                ssl == null ? "plain HTTP, loopback" : "TLS", config.allowList().size());
        return server;
    }

    /**
     * Serves {@code body} (rendered from memory on each GET, on the event loop: it must not block)
     * at {@code path}, e.g. the risk register's exports.
     */
    public void serve(String path, String contentType, java.util.function.Supplier<String> body) {
        routes.add(path, contentType, body);
    }

    /** Lets operators ask for backup snapshots ({@code POST /v1/backup/snapshot}) made by {@code maker}. */
    public void snapshots(SnapshotMaker maker) {
        routes.snapshots(maker);
    }

    /** The bound address (with the real port when configured with port 0). */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** Closes the listening socket; requests on open connections are still answered, with {@code Connection: close}. */
    public void stopAccepting() {
        drain.start();
        server.close().awaitUninterruptibly();
    }

    /** Waits until no request is being answered, at most {@code timeout}; whether it got there. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return drain.awaitIdle(timeout);
    }

    /** Closes the listener and every connection. */
    @Override
    public void close() {
        drain.start();
        server.close().awaitUninterruptibly();
        connections.close().awaitUninterruptibly();
    }
}
