package lv.sargs.gateway.listener;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.X509ExtendedKeyManager;
import lv.sargs.gateway.admission.AllowListFilter;
import lv.sargs.gateway.admission.ClientRecognitionHandler;
import lv.sargs.gateway.admission.ConnectionsPerSourceLimit;
import lv.sargs.gateway.admission.DeclaredClients;
import lv.sargs.gateway.config.Cidr;
import lv.sargs.gateway.config.ClientConfig;
import lv.sargs.gateway.config.ClientListenerConfig;
import lv.sargs.gateway.config.ThreadsConfig;
import lv.sargs.gateway.http.ConnectionActivity;
import lv.sargs.gateway.http.ExchangeHandler;
import lv.sargs.gateway.http.InFlightRequests;
import lv.sargs.gateway.http.RateLimitRefusals;
import lv.sargs.gateway.http.Router;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.threads.ThreadPools;
import lv.sargs.gateway.tls.ServerKey;
import lv.sargs.gateway.tls.ServerTlsContext;
import lv.sargs.gateway.tls.ServingTls;
import lv.sargs.gateway.tls.TlsSetupException;
import org.tinylog.Logger;

/**
 * The HTTPS endpoint the bank's core systems call: binds {@link ClientListenerConfig#bind()},
 * admits by allow-list and per-source limit, requires TLS 1.3/1.2 with a client certificate of a
 * declared client from its declared sources, and serves the router's routes over HTTP/1.1 or
 * HTTP/2. Started once, shut down once; {@link #shutdown(Duration)} drains in-flight requests.
 */
public final class ClientListener implements AutoCloseable {

    /** The listener's name in logs and metrics. */
    public static final String NAME = "client";
    private static final String CONFIG_PATH = "listeners.client";

    private final ClientListenerConfig config;
    private final ChannelGroup connections = new DefaultChannelGroup("client-connections", ImmediateEventExecutor.INSTANCE);
    private final InFlightRequests inFlight;
    private final ExchangeHandler exchange;
    private final ClientChannelInitializer initializer;
    private final SslContext tls;
    private final ServingTls tlsProvider;
    private final ThreadPoolExecutor handshakeWork;
    private final ThreadPools threads;
    private final Metrics metrics;
    private volatile boolean draining;
    private EventLoopGroup acceptor;
    private EventLoopGroup workers;
    private boolean ownsEventLoops;
    private boolean started;
    private Channel server;

    /**
     * Builds the listener; nothing is bound until {@link #start()}.
     *
     * @param keyManager presents the server key; with the OPENSSL provider BoringSSL reads the private key from
     *                   it, so production passes {@link ServerKey#onToken} to the other constructor instead
     * @param clients the declared clients; none means nobody is served
     * @throws ListenerException {@code TLS_SETUP} when the client CA file or the protocols are unusable
     */
    public ClientListener(ClientListenerConfig config, List<ClientConfig> clients, X509ExtendedKeyManager keyManager,
                          Router router, Metrics metrics, ThreadPools threads, ThreadsConfig.Pool handshakes)
            throws ListenerException {
        this(config, clients, ServerKey.of(keyManager), router, metrics, threads, handshakes);
    }

    /**
     * Builds the listener with the server key on the token, so that with the OPENSSL provider the
     * handshake signature runs on the token; nothing is bound until {@link #start()}.
     *
     * @param clients the declared clients; none means nobody is served
     * @param threads makes the handshake pool ({@code handshakes} sized) and, for {@link #start()}, the event loops
     * @throws ListenerException {@code TLS_SETUP} when the client CA file, the protocols or the chain are unusable
     */
    public ClientListener(ClientListenerConfig config, List<ClientConfig> clients, ServerKey serverKey,
                          Router router, Metrics metrics, ThreadPools threads, ThreadsConfig.Pool handshakes)
            throws ListenerException {
        this.config = config;
        this.metrics = metrics;
        try {
            ServerTlsContext.Built built = ServerTlsContext.forServer(CONFIG_PATH + ".tls", config.tls(), serverKey);
            this.tls = built.context();
            this.tlsProvider = built.provider();
        } catch (TlsSetupException e) {
            throw new ListenerException(ListenerException.Code.TLS_SETUP, e.getMessage(), e);
        }
        // Bounded: a flood of handshakes queues here, and beyond the queue is refused, instead of stalling I/O.
        this.threads = threads;
        this.handshakeWork = threads.pool("tls-handshake", handshakes.threads(), handshakes.queue());
        this.inFlight = new InFlightRequests(config.limits().maxRequestsInFlight());
        this.exchange = new ExchangeHandler(NAME, router, inFlight, config.limits().requestTimeout(),
                () -> draining, metrics, config.deadlines().maxUploadsPerClient(),
                config.rateLimit(), config.bodyLimits());
        this.initializer = new ClientChannelInitializer(connections,
                new AllowListFilter(NAME, config.allowList(), metrics),
                new ConnectionsPerSourceLimit(NAME, config.limits().maxConnectionsPerSource(), metrics),
                tls, handshakeWork,
                new ClientRecognitionHandler(NAME, new DeclaredClients(clients), config.limits().handshakeTimeout(), metrics),
                exchange, config.limits(), config.deadlines());
        metrics.gauge("sargs_requests_in_flight", "Requests being served, by listener.", "listener=\"" + NAME + "\"",
                inFlight::current);
        metrics.gauge("sargs_connections_open", "Connections open, by listener.", "listener=\"" + NAME + "\"",
                connections::size);
    }

    /** Tells {@code listener} of each request refused 429 for its client's request rate. */
    public void onRateLimited(RateLimitRefusals listener) {
        exchange.onRateLimited(listener);
    }

    /**
     * Binds and starts accepting on event loops of its own (NIO), stopped by {@link #shutdown}.
     *
     * @return the bound address (with the real port when the config says 0)
     * @throws ListenerException {@code BIND_FAILED} naming the address, or {@code ALREADY_STARTED}
     */
    public synchronized InetSocketAddress start() throws ListenerException {
        checkNew();
        return start(threads.eventLoops("client-accept", 1, NioIoHandler.newFactory()),
                threads.eventLoops("client-io", 0, NioIoHandler.newFactory()),
                NioServerSocketChannel.class, true);
    }

    /**
     * Binds and starts accepting on shared event loops (the gateway's transport, e.g. epoll), which
     * {@link #shutdown} leaves running for their owner to stop.
     *
     * @return the bound address (with the real port when the config says 0)
     * @throws ListenerException {@code BIND_FAILED} naming the address, or {@code ALREADY_STARTED}
     */
    public InetSocketAddress start(EventLoopGroup acceptors, EventLoopGroup workers,
                                   Class<? extends ServerChannel> serverChannel) throws ListenerException {
        return start(acceptors, workers, serverChannel, false);
    }

    private synchronized InetSocketAddress start(EventLoopGroup acceptors, EventLoopGroup workers,
                                                 Class<? extends ServerChannel> serverChannel, boolean owned)
            throws ListenerException {
        checkNew();
        this.started = true;
        this.acceptor = acceptors;
        this.workers = workers;
        this.ownsEventLoops = owned;
        try {
            server = new ServerBootstrap()
                    .group(acceptors, workers)
                    .channel(serverChannel)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(initializer)
                    .bind(config.bind().host(), config.bind().port())
                    .syncUninterruptibly()
                    .channel();
        } catch (RuntimeException e) {
            stopEventLoops();
            throw new ListenerException(ListenerException.Code.BIND_FAILED, CONFIG_PATH + ".bind: " + config.bind()
                    + " (expected: a free local address and port; " + e.getMessage() + ")", e);
        }
        InetSocketAddress bound = (InetSocketAddress) server.localAddress();
        Logger.info("client listener: accepting on {} (TLS: {})", bound, tlsProvider);
        return bound;
    }

    /**
     * Admits by {@code allowList} and {@code clients} from now on, and re-checks every open
     * connection against them on its event loop: a connection from outside the new allow-list, or of
     * a client no longer declared (or no longer from that source), is closed; a client still declared
     * keeps its connection and gets its new roles and purposes. Blocks the caller until every
     * connection was re-checked (never call it on an event loop).
     *
     * @return how many open connections were closed
     */
    public int admit(List<Cidr> allowList, List<ClientConfig> clients) {
        AllowListFilter filter = new AllowListFilter(NAME, allowList, metrics);
        DeclaredClients declared = new DeclaredClients(clients);
        ClientRecognitionHandler recognition = new ClientRecognitionHandler(NAME, declared,
                config.limits().handshakeTimeout(), metrics);
        initializer.admit(new ClientChannelInitializer.Admission(filter, recognition));
        List<Future<Boolean>> checks = new ArrayList<>();
        for (Channel c : connections) {
            checks.add(c.eventLoop().submit(() -> Readmission.recheck(c, filter, declared, recognition)));
        }
        int closed = 0;
        for (Future<Boolean> check : checks) {
            if (Boolean.TRUE.equals(check.awaitUninterruptibly().getNow())) {
                closed++;
            }
        }
        Logger.info("client listener: now admitting {} client(s) from {} block(s); {} open connection(s) closed",
                clients.size(), allowList.size(), closed);
        return closed;
    }

    /** Requests being served now. */
    public int inFlightRequests() {
        return inFlight.current();
    }

    /** The TLS provider in use, and whether it is JDK falling back from an OPENSSL that could not be loaded. */
    public ServingTls tlsProvider() {
        return tlsProvider;
    }

    /** Connections open now (admitted or not yet decided). */
    public int openConnections() {
        return connections.size();
    }

    /**
     * Stops accepting, lets requests in flight finish within {@code grace} (new requests on open
     * connections are answered 503 and idle connections closed), then closes whatever is left and
     * stops the listener's own event loops (shared ones are left to their owner). Blocks the caller
     * (never call it on an event loop); idempotent.
     *
     * @return true when every connection closed within the grace period
     */
    public boolean shutdown(Duration grace) {
        synchronized (this) {
            if (acceptor == null) {
                return true;
            }
        }
        draining = true;
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        long graceMillis = Math.max(0, grace.toMillis());
        for (Channel c : connections) {
            c.eventLoop().execute(() -> ConnectionActivity.of(c).drain(graceMillis));
        }
        boolean drained = connections.newCloseFuture().awaitUninterruptibly(graceMillis);
        if (!drained) {
            Logger.warn("client listener: {} requests still in flight after {} ms, closing their connections",
                    inFlight.current(), graceMillis);
            connections.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        stopEventLoops();
        handshakeWork.shutdownNow();
        try {
            handshakeWork.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Logger.info("client listener: stopped");
        return drained;
    }

    /** Shuts down without waiting for requests in flight. */
    @Override
    public void close() {
        shutdown(Duration.ZERO);
    }

    private void checkNew() throws ListenerException {
        if (started) {
            throw new ListenerException(ListenerException.Code.ALREADY_STARTED,
                    CONFIG_PATH + ": already started (expected: one start per listener)", null);
        }
    }

    private synchronized void stopEventLoops() {
        if (acceptor == null) {
            return;
        }
        if (ownsEventLoops) {
            acceptor.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
        }
        acceptor = null;
        workers = null;
    }
}
