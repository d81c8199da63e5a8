package lv.sargs.sandbox.admin;

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
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A plain-HTTP admin endpoint on loopback for the standalone sandbox: set faults and read call
 * counts of running simulators with curl. Loopback only, since it has no authentication.
 */
public final class AdminServer implements AutoCloseable {

    private final EventLoopGroup group;
    private final Channel server;

    private AdminServer(EventLoopGroup group, Channel server) {
        this.group = group;
        this.server = server;
    }

    /** Starts on {@code bind} (a loopback address; port 0 for any free one) for these simulators by name. */
    public static AdminServer start(InetSocketAddress bind, Map<String, SimulatorControls> simulators) {
        if (!bind.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("admin.bind: " + bind + " (expected: a loopback address)");
        }
        AdminHandler handler = new AdminHandler(simulators);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(16 * 1024), handler);
                        }
                    })
                    .bind(bind).syncUninterruptibly().channel();
            return new AdminServer(group, server);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI baseUri() {
        InetSocketAddress address = (InetSocketAddress) server.localAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
