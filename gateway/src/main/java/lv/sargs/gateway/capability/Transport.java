package lv.sargs.gateway.capability;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.TimeUnit;
import lv.sargs.gateway.threads.ThreadPools;

/**
 * The event loops every listener shares: one acceptor thread and a few I/O threads, on epoll when
 * the native transport loads (the appliance), on NIO otherwise (a developer's machine).
 */
public final class Transport implements AutoCloseable {

    private final String name;
    private final Class<? extends ServerChannel> serverChannel;
    private final Class<? extends Channel> clientChannel;
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;

    private Transport(String name, IoHandlerFactory io, Class<? extends ServerChannel> serverChannel,
                      Class<? extends Channel> clientChannel, ThreadPools pools, int workers) {
        this.name = name;
        this.serverChannel = serverChannel;
        this.clientChannel = clientChannel;
        this.acceptors = pools.eventLoops("accept", 1, io);
        this.workers = pools.eventLoops("io", workers, io);
    }

    /** Epoll when available, else NIO, with {@code workers} I/O threads made by {@code pools}. */
    public static Transport create(ThreadPools pools, int workers) {
        if (Epoll.isAvailable()) {
            return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
                    EpollSocketChannel.class, pools, workers);
        }
        return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class,
                NioSocketChannel.class, pools, workers);
    }

    /** {@code epoll} or {@code nio}, for the start-up log. */
    public String name() {
        return name;
    }

    public Class<? extends ServerChannel> serverChannel() {
        return serverChannel;
    }

    /** The channel type of outgoing connections (the upstream clients) on these loops. */
    public Class<? extends Channel> clientChannel() {
        return clientChannel;
    }

    /** The group that accepts connections. */
    public EventLoopGroup acceptors() {
        return acceptors;
    }

    /** The group that serves accepted connections. */
    public EventLoopGroup workers() {
        return workers;
    }

    /** Stops the event loops, waiting briefly; listeners must be closed first. */
    @Override
    public void close() {
        acceptors.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        acceptors.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
