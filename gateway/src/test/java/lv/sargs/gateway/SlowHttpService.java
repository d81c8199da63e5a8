package lv.sargs.gateway;

import lv.sargs.gateway.capability.StartupException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.tinylog.Logger;

/**
 * A client service for lifecycle tests: plain HTTP/1.1 on the configured client bind, answering
 * {@code GET /slow?ms=N} after N milliseconds (scheduled, never blocking the event loop), and
 * draining on shutdown like the real listener: stop accepting, let requests in flight finish
 * within the grace period, then close every connection.
 */
public final class SlowHttpService implements ClientService {

    /** Logged when a slow request has arrived, so a test driving a subprocess knows when to signal. */
    public static final String STARTED = "slow request started";

    private final Channel server;
    private final ChannelGroup connections;
    private final AtomicInteger inFlight;

    private SlowHttpService(Channel server, ChannelGroup connections, AtomicInteger inFlight) {
        this.server = server;
        this.connections = connections;
        this.inFlight = inFlight;
    }

    public static ClientService start(Context context) throws StartupException {
        ChannelGroup connections = new DefaultChannelGroup("slow", GlobalEventExecutor.INSTANCE);
        AtomicInteger inFlight = new AtomicInteger();
        ChannelFuture bound = new ServerBootstrap()
                .group(context.transport().acceptors(), context.transport().workers())
                .channel(context.transport().serverChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1024),
                                new Slow(inFlight));
                    }
                })
                .bind(context.config().clientListener().bind().host(), context.config().clientListener().bind().port())
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new StartupException(StartupException.Code.LISTENER, "listeners.client.bind: "
                    + bound.cause().getMessage(), bound.cause());
        }
        return new SlowHttpService(bound.channel(), connections, inFlight);
    }

    private static final class Slow extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final AtomicInteger inFlight;

        Slow(AtomicInteger inFlight) {
            this.inFlight = inFlight;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            List<String> ms = new QueryStringDecoder(request.uri()).parameters().getOrDefault("ms", List.of("1000"));
            long millis = Long.parseLong(ms.get(0));
            inFlight.incrementAndGet();
            Logger.info(STARTED + " ({} ms)", millis);
            ctx.executor().schedule(() -> {
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        Unpooled.copiedBuffer("done after " + millis + " ms\n", StandardCharsets.UTF_8));
                response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
                ctx.writeAndFlush(response).addListener((ChannelFutureListener) f -> inFlight.decrementAndGet());
            }, millis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** Serves no declared clients, so a reload has nothing to re-check here. */
    @Override
    public int admit(java.util.List<lv.sargs.gateway.config.Cidr> allowList,
                     java.util.List<lv.sargs.gateway.config.ClientConfig> clients) {
        return 0;
    }

    @Override
    public boolean shutdown(Duration grace) {
        server.close().awaitUninterruptibly();
        long deadline = System.nanoTime() + grace.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        boolean drained = inFlight.get() == 0;
        connections.close().awaitUninterruptibly();
        return drained;
    }
}
