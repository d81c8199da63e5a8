package lv.sargs.sandbox.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import lv.sargs.sandbox.fault.FaultHandler;
import lv.sargs.sandbox.fault.Faults;
import lv.sargs.sandbox.fault.ServerCertificateMode;
import lv.sargs.testkit.HeldCertificate;

/**
 * An HTTPS/1.1 server on loopback that every simulator runs on: TLS requiring a registered client
 * certificate, call counting and fault injection in front of the simulator's routes.
 */
public final class HttpsSimulator implements AutoCloseable {

    static final String TLS = "tls";
    static final String HTTP = "http";
    static final String KEEP_ALIVE = "keepAlive";
    static final String AGGREGATOR = "aggregator";
    static final String CALLS = "calls";
    static final String FAULTS = "faults";
    static final String ENDPOINT = "endpoint";

    private static final int MAX_BODY = 1 << 20;

    private final String name;
    private final EventLoopGroup group;
    private final Channel server;

    private HttpsSimulator(String name, EventLoopGroup group, Channel server) {
        this.name = name;
        this.group = group;
        this.server = server;
    }

    /**
     * Starts a simulator on {@code bind} (use port 0 for any free port).
     *
     * @param name the simulator's name, for logs and errors
     * @param bind the loopback address to listen on
     * @param certificates the server identities, chosen per handshake by {@code faults}
     * @param clients the client certificates accepted
     * @param routes the endpoints
     * @param faults the fault controls
     * @param calls where requests are counted
     * @param ioThreads event loop threads
     */
    public static HttpsSimulator start(String name, InetSocketAddress bind, ServerCertificates certificates,
                                       RegisteredCertificates clients, Routes routes, Faults faults, CallCounter calls,
                                       int ioThreads) {
        if (!bind.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException(name + ".bind: " + bind + " (expected: a loopback address)");
        }
        Map<ServerCertificateMode, SslContext> tls = new EnumMap<>(ServerCertificateMode.class);
        RegisteredClientTrustManager trust = new RegisteredClientTrustManager(name, clients);
        tls.put(ServerCertificateMode.VALID, context(name, certificates.valid(), trust));
        tls.put(ServerCertificateMode.EXPIRED, context(name, certificates.expired(), trust));
        tls.put(ServerCertificateMode.UNTRUSTED, context(name, certificates.untrusted(), trust));
        CallCountingHandler counting = new CallCountingHandler(routes, calls);
        EndpointHandler endpoint = new EndpointHandler(name, routes);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
        try {
            Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    // The certificate mode is read per connection, so a switch applies to new handshakes.
                                    .addLast(TLS, tls.get(faults.serverCertificate()).newHandler(ch.alloc()))
                                    .addLast(HTTP, new HttpServerCodec())
                                    .addLast(KEEP_ALIVE, new HttpServerKeepAliveHandler())
                                    .addLast(AGGREGATOR, new HttpObjectAggregator(MAX_BODY))
                                    // Counted before faults: a call that a fault spoils was still made.
                                    .addLast(CALLS, counting)
                                    .addLast(FAULTS, new FaultHandler(faults, routes::endpointOf))
                                    .addLast(ENDPOINT, endpoint);
                        }
                    })
                    .bind(bind).syncUninterruptibly().channel();
            return new HttpsSimulator(name, group, server);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** The simulator's name. */
    public String name() {
        return name;
    }

    /** The bound address. */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** {@code https://127.0.0.1:<port>}, no trailing slash. */
    public URI baseUri() {
        return URI.create("https://" + address().getAddress().getHostAddress() + ":" + address().getPort());
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static SslContext context(String name, HeldCertificate identity, RegisteredClientTrustManager trust) {
        try {
            return SslContextBuilder.forServer(identity.keyPair().getPrivate(),
                            identity.chain().toArray(new java.security.cert.X509Certificate[0]))
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .clientAuth(ClientAuth.REQUIRE)
                    .trustManager(trust)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException(name + ": cannot build the TLS context for "
                    + identity.certificate().getSubjectX500Principal(), e);
        }
    }
}
