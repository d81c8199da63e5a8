package lv.sargs.gateway.upstream;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import lv.sargs.testkit.HeldCertificate;

/**
 * A loopback HTTPS test server that requires a client certificate from a given CA and answers each
 * request as the test scripts it: a response, a late response, a reset, a truncated or garbled
 * response, or a stall. Counts connections and handshakes; {@link #close()} closes every channel.
 */
public final class ScriptedHttpsServer implements AutoCloseable {

    /** How the server answers one request. */
    @FunctionalInterface
    public interface Script {
        void answer(FullHttpRequest request, Reply reply);
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicInteger handshakes = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Script script;
    private volatile X509Certificate lastClientCertificate;
    private volatile String lastProtocol;
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger concurrentPeak = new AtomicInteger();
    private final Channel server;

    private ScriptedHttpsServer(HeldCertificate serverCertificate, X509Certificate clientCa, Script script,
                                boolean http2) throws Exception {
        this.script = script;
        SslContextBuilder builder = SslContextBuilder.forServer(serverCertificate.keyPair().getPrivate(),
                        serverCertificate.chain())
                .sslProvider(SslProvider.JDK)
                .trustManager(clientCa)
                .clientAuth(ClientAuth.REQUIRE);
        if (http2) {
            builder.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                    ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1));
        }
        SslContext ssl = builder.build();
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        SslHandler tls = ssl.newHandler(ch.alloc());
                        tls.handshakeFuture().addListener(f -> {
                            if (f.isSuccess()) {
                                handshakes.incrementAndGet();
                                lastClientCertificate = (X509Certificate) tls.engine().getSession()
                                        .getPeerCertificates()[0];
                            }
                        });
                        ch.pipeline().addLast("tls", tls).addLast("protocol", new Protocols());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    /** Starts an HTTP/1.1 server presenting {@code serverCertificate} and trusting client certificates from {@code clientCa}. */
    public static ScriptedHttpsServer start(HeldCertificate serverCertificate, X509Certificate clientCa, Script script)
            throws Exception {
        return new ScriptedHttpsServer(serverCertificate, clientCa, script, false);
    }

    /** As {@link #start}, offering h2 (then http/1.1) by ALPN; each request runs on its own stream. */
    public static ScriptedHttpsServer startHttp2(HeldCertificate serverCertificate, X509Certificate clientCa,
                                                 Script script) throws Exception {
        return new ScriptedHttpsServer(serverCertificate, clientCa, script, true);
    }

    /** The protocol the last connection negotiated: {@code h2} or {@code http/1.1}. */
    public String lastProtocol() {
        return lastProtocol;
    }

    /** Requests in progress right now (for checking that streams run concurrently). */
    public int concurrentPeak() {
        return concurrentPeak.get();
    }

    /** Replaces the script. */
    public void script(Script script) {
        this.script = script;
    }

    public URI uri() {
        return URI.create("https://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort());
    }

    /** Completed TLS handshakes, i.e. client connections that got through TLS. */
    public int handshakes() {
        return handshakes.get();
    }

    /** Requests received. */
    public int requests() {
        return requests.get();
    }

    /** The client certificate the last handshake presented. */
    public X509Certificate lastClientCertificate() {
        return lastClientCertificate;
    }

    /** Connections currently open on the server side. */
    public int openConnections() {
        return (int) channels.stream().filter(Channel::isActive).count();
    }

    @Override
    public void close() throws InterruptedException {
        server.close().sync();
        channels.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private final class Protocols extends ApplicationProtocolNegotiationHandler {
        Protocols() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            lastProtocol = protocol;
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                ctx.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(),
                        new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                            @Override
                            protected void initChannel(Http2StreamChannel stream) {
                                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true))
                                        .addLast("aggregator", new HttpObjectAggregator(1 << 20))
                                        .addLast("script", new Dispatcher());
                            }
                        }));
            } else {
                ctx.pipeline().addLast("codec", new HttpServerCodec())
                        .addLast("aggregator", new HttpObjectAggregator(1 << 20))
                        .addLast("script", new Dispatcher());
            }
        }

        @Override
        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private final class Dispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            requests.incrementAndGet();
            concurrentPeak.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
            script.answer(request, new Reply(ctx, inProgress));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** The ways a script can answer. */
    public static final class Reply {
        private final ChannelHandlerContext ctx;
        private final AtomicInteger inProgress;

        Reply(ChannelHandlerContext ctx, AtomicInteger inProgress) {
            this.ctx = ctx;
            this.inProgress = inProgress;
        }

        public void json(int status, String json) {
            send(status, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        public void send(int status, String contentType, byte[] body, Map<String, String> headers) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            headers.forEach(response.headers()::set);
            inProgress.decrementAndGet();
            ctx.writeAndFlush(response);
        }

        /** Answers after {@code delay}, unless the connection is gone by then. */
        public void later(Duration delay, Runnable answer) {
            ctx.executor().schedule(answer, delay.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Closes with a TCP reset (HTTP/1.1) or resets the stream (HTTP/2). */
        public void reset() {
            inProgress.decrementAndGet();
            if (!(ctx.channel() instanceof Http2StreamChannel)) {
                ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            }
            ctx.channel().close();
        }

        /** Writes raw bytes past the HTTP encoder, then closes. */
        public void raw(String bytes) {
            ctx.pipeline().remove("codec");
            ctx.channel().writeAndFlush(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1))
                    .addListener(ChannelFutureListener.CLOSE);
        }

        /** Never answers. */
        public void stall() {
        }

        /** The client's certificate chain as the server saw it. */
        public List<java.security.cert.Certificate> clientChain() throws Exception {
            Channel connection = ctx.channel() instanceof Http2StreamChannel ? ctx.channel().parent() : ctx.channel();
            return List.of(connection.pipeline().get(SslHandler.class).engine().getSession().getPeerCertificates());
        }
    }
}
