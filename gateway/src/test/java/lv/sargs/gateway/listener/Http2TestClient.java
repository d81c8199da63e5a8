package lv.sargs.gateway.listener;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;

/** A real HTTP/2 client (Netty, ALPN {@code h2} only) whose event loop is stopped on close, so nothing outlives a test. */
final class Http2TestClient implements AutoCloseable {

    private final EventLoopGroup group;
    private final Channel channel;

    private Http2TestClient(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    static Http2TestClient connect(InetSocketAddress server, HeldCertificate identity, CertificateAuthority ca)
            throws Exception {
        SslContext ssl = SslContextBuilder.forClient()
                .keyManager(identity.keyPair().getPrivate(), identity.chain())
                .trustManager(ca.certificate())
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_2))
                .build();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel c) {
                            // Host and port make Netty verify the server certificate's IP SAN.
                            c.pipeline().addLast(ssl.newHandler(c.alloc(), server.getHostString(), server.getPort()),
                                    Http2FrameCodecBuilder.forClient().build(),
                                    new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                        }
                    })
                    .connect(server).sync().channel();
            SslHandler tls = ch.pipeline().get(SslHandler.class);
            tls.handshakeFuture().sync();
            if (!ApplicationProtocolNames.HTTP_2.equals(tls.applicationProtocol())) {
                throw new IOException("ALPN chose " + tls.applicationProtocol() + ", not h2");
            }
            return new Http2TestClient(group, ch);
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).sync();
            throw e;
        }
    }

    /** Sends {@code GET path} on a new stream and waits for the whole answer. */
    TlsTestClient.Answer get(String path) throws Exception {
        return get(path, Map.of());
    }

    /**
     * Lets this client send headers larger than the server advertised (SETTINGS_MAX_HEADER_LIST_SIZE),
     * as a misbehaving client would; call after a first answer, once the server's settings arrived.
     */
    void ignoreServerHeaderLimit() throws Exception {
        channel.pipeline().get(io.netty.handler.codec.http2.Http2FrameCodec.class).encoder().configuration()
                .headersConfiguration().maxHeaderListSize(1L << 20);
    }

    /** Sends {@code GET path} with {@code extraHeaders} on a new stream and waits for the whole answer. */
    TlsTestClient.Answer get(String path, Map<String, String> extraHeaders) throws Exception {
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
        extraHeaders.forEach(request.headers()::set);
        return exchange(request);
    }

    /** Sends {@code POST path} with {@code body} on a new stream and waits for the whole answer. */
    TlsTestClient.Answer post(String path, byte[] body) throws Exception {
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path,
                io.netty.buffer.Unpooled.wrappedBuffer(body));
        request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return exchange(request);
    }

    /** Sends {@code POST path} with {@code body} and {@code headers} as given (a wrong Content-Length too). */
    TlsTestClient.Answer post(String path, byte[] body, Map<String, String> headers) throws Exception {
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path,
                io.netty.buffer.Unpooled.wrappedBuffer(body));
        headers.forEach(request.headers()::set);
        return exchange(request);
    }

    /** Sends {@code GET path} with {@code headers} and each of {@code repeated}'s values as its own header line. */
    TlsTestClient.Answer get(String path, Map<String, String> headers, Map<String, String[]> repeated) throws Exception {
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
        headers.forEach(request.headers()::set);
        repeated.forEach((name, values) -> {
            for (String v : values) {
                request.headers().add(name, v);
            }
        });
        return exchange(request);
    }

    private TlsTestClient.Answer exchange(DefaultFullHttpRequest request) throws Exception {
        CompletableFuture<TlsTestClient.Answer> answer = new CompletableFuture<>();
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(channel)
                .handler(new ChannelInitializer<Http2StreamChannel>() {
                    @Override
                    protected void initChannel(Http2StreamChannel s) {
                        s.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false), new HttpObjectAggregator(1 << 20),
                                new SimpleChannelInboundHandler<FullHttpResponse>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
                                        Map<String, String> headers = new LinkedHashMap<>();
                                        r.headers().forEach(h -> headers.put(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
                                        answer.complete(new TlsTestClient.Answer(r.status().code(), headers,
                                                r.content().toString(StandardCharsets.UTF_8)));
                                    }

                                    @Override
                                    public void channelInactive(ChannelHandlerContext ctx) {
                                        answer.completeExceptionally(new IOException("stream closed without an answer"));
                                    }
                                });
                    }
                }).open().sync().getNow();
        request.headers().set(HttpHeaderNames.HOST, "127.0.0.1");
        stream.writeAndFlush(request);
        return answer.get(5, TimeUnit.SECONDS);
    }

    /** Whether the server closed the connection. */
    boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws InterruptedException {
        channel.close().sync();
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).sync();
    }
}
