package lv.sargs.hsm.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.SoftHsmTokens;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mutual TLS with the client's key on the SoftHSM2 token, judged by the server that requires it. */
class MutualTlsTest {

    private static Token token;
    private static CertificateAuthority ca;
    private static HeldCertificate server;

    private EventLoopGroup group;
    private ExecutorService handshakeTasks;
    private Channel serverChannel;
    private CompletableFuture<javax.net.ssl.SSLSession> clientSeenByServer;

    @BeforeAll
    static void openToken() {
        token = Tokens.open(SoftHsmTokens.fresh());
        ca = CertificateAuthority.create("Sargs Test CA");
        server = ca.issue("localhost").server("localhost", "127.0.0.1").build();
        for (KeySpec spec : List.of(KeySpec.RSA_2048, KeySpec.EC_P256)) {
            KeyInfo key = token.generateKeyPair("tls-" + spec, spec);
            X509Certificate leaf = ca.issue("core-banking " + spec).client().certify(key.publicKey());
            token.importCertificateChain("tls-" + spec, List.of(leaf, ca.certificate()));
        }
    }

    @AfterAll
    static void closeToken() {
        token.close();
    }

    @BeforeEach
    void start() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        // The token signs inside the handshake's delegated tasks: they must not run on the event loop.
        handshakeTasks = Executors.newSingleThreadExecutor(r -> new Thread(r, "tls-handshake-tasks"));
        clientSeenByServer = new CompletableFuture<>();
    }

    @AfterEach
    void stop() throws Exception {
        if (serverChannel != null) {
            serverChannel.close().sync();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        handshakeTasks.shutdownNow();
    }

    private int startServer(String protocol) throws Exception {
        SslContext context = SslContextBuilder.forServer(server.keyPair().getPrivate(), server.chain())
                .trustManager(ca.certificate()).clientAuth(ClientAuth.REQUIRE)
                .sslProvider(SslProvider.JDK).protocols(protocol).build();
        serverChannel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(context.newHandler(ch.alloc()), new ChannelInboundHandlerAdapter() {
                            @Override
                            public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                                if (event instanceof SslHandshakeCompletionEvent done) {
                                    if (done.isSuccess()) {
                                        clientSeenByServer.complete(ctx.pipeline().get(SslHandler.class).engine().getSession());
                                    } else {
                                        clientSeenByServer.completeExceptionally(done.cause());
                                    }
                                }
                                ctx.fireUserEventTriggered(event);
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                // The refused handshake's error reached the future above; nothing more to report.
                                ctx.close();
                            }
                        });
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    private Channel connect(String protocol, int port, String label) throws Exception {
        List<X509Certificate> chain = token.certificateChain(label);
        SslContext context = SslContextBuilder.forClient()
                .keyManager(token.keyManager(label, chain))
                .trustManager(ca.certificate()).sslProvider(SslProvider.JDK).protocols(protocol).build();
        return new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(context.newHandler(ch.alloc(), "localhost", port, handshakeTasks));
                    }
                }).connect(new InetSocketAddress("127.0.0.1", port)).sync().channel();
    }

    @ParameterizedTest
    @CsvSource({"TLSv1.3, RSA_2048", "TLSv1.3, EC_P256", "TLSv1.2, RSA_2048", "TLSv1.2, EC_P256"})
    void serverAcceptsClientWhoseKeyIsOnTheToken(String protocol, KeySpec spec) throws Exception {
        int port = startServer(protocol);
        Channel client = connect(protocol, port, "tls-" + spec);
        try {
            javax.net.ssl.SSLSession session = clientSeenByServer.get(10, TimeUnit.SECONDS);
            assertEquals(token.certificateChain("tls-" + spec).get(0), session.getPeerCertificates()[0]);
            assertEquals(protocol, session.getProtocol());
        } finally {
            client.close().sync();
        }
    }

    @ParameterizedTest
    @CsvSource({"TLSv1.3", "TLSv1.2"})
    void serverRefusesClientWhoseChainItDoesNotTrust(String protocol) throws Exception {
        int port = startServer(protocol);
        CertificateAuthority stranger = CertificateAuthority.create("Stranger CA");
        KeyInfo key = token.generateKeyPair("stranger-" + protocol, KeySpec.EC_P256);
        X509Certificate leaf = stranger.issue("stranger").client().certify(key.publicKey());
        token.importCertificateChain("stranger-" + protocol, List.of(leaf, stranger.certificate()));
        Channel client = connect(protocol, port, "stranger-" + protocol);
        try {
            java.util.concurrent.ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    java.util.concurrent.ExecutionException.class, () -> clientSeenByServer.get(10, TimeUnit.SECONDS));
            assertTrue(refused.getCause() instanceof javax.net.ssl.SSLException, refused.getCause().toString());
        } finally {
            client.close().sync();
        }
    }
}
