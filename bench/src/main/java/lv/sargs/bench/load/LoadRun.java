package lv.sargs.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one stream for a number of seconds: {@code connections} keep-alive HTTP/1.1 connections,
 * each sending its next request when the last answer is in (or at its turn under {@code --rate}),
 * every answer told to a {@link LoadRecorder}. A connection the server closes is opened again until
 * the run ends; a close not announced with {@code Connection: close} counts as an error.
 */
final class LoadRun {

    /** Numbers the --unique-header values across the warm-up and the measured run. */
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final LoadOptions o;
    private final SslContext ssl;
    private final Bootstrap bootstrap;

    /** @param ssl the client's TLS context; null for plain HTTP */
    LoadRun(LoadOptions o, SslContext ssl, EventLoopGroup group, Class<? extends SocketChannel> channelType) {
        this.o = o;
        this.ssl = ssl;
        this.bootstrap = new Bootstrap().group(group).channel(channelType).option(ChannelOption.TCP_NODELAY, true);
    }

    /** Runs for {@code seconds} into {@code recorder}; returns once every connection finished. */
    LoadRecorder run(int seconds, LoadRecorder recorder) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch done = new CountDownLatch(o.connections);
        for (int i = 0; i < o.connections; i++) {
            connect(recorder, i, end, done, System.nanoTime());
        }
        if (!done.await(seconds + 30L, TimeUnit.SECONDS)) {
            System.err.println("load: some connections did not finish in time");
        }
        recorder.seconds = seconds;
        return recorder;
    }

    /**
     * Opens connection {@code slot}; a failed connect counts as an error and is retried after a
     * second until the run ends, so one refused connect does not silence a stream for a whole soak.
     */
    private void connect(LoadRecorder recorder, int slot, long end, CountDownLatch done, long due) {
        Bootstrap one = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (ssl != null) {
                    ch.pipeline().addLast(ssl.newHandler(ch.alloc(), o.host, o.port));
                }
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(o.maxResponse),
                        new Driver(recorder, slot, end, done, due));
            }
        });
        one.connect(o.host, o.port).addListener(f -> {
            if (!f.isSuccess()) {
                recorder.errors.incrementAndGet();
                if (System.nanoTime() < end) {
                    bootstrap.config().group().schedule(() -> connect(recorder, slot, end, done, System.nanoTime()),
                            1, TimeUnit.SECONDS);
                } else {
                    done.countDown();
                }
            }
        });
    }

    /**
     * Sends the next request on its connection when the previous answer is in (at {@code --rate},
     * not before its turn); opens the connection again when the server closes it before the end.
     */
    private final class Driver extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final LoadRecorder recorder;
        private final int slot;
        private final long end;
        private final CountDownLatch done;
        private final long interval;
        private long due;
        private long sent;
        private boolean finished;
        private boolean closeAnnounced;

        Driver(LoadRecorder recorder, int slot, long end, CountDownLatch done, long due) {
            this.recorder = recorder;
            this.slot = slot;
            this.end = end;
            this.done = done;
            this.due = due;
            this.interval = o.rate > 0 ? (long) (1e9 * o.connections / o.rate) : 0;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            next(ctx);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            long now = System.nanoTime();
            recorder.record(slot, now - sent, response.status().code(), o.expect);
            closeAnnounced = !HttpUtil.isKeepAlive(response);
            if (closeAnnounced) {
                return; // the server closes; channelInactive opens the next connection
            }
            if (now < end) {
                next(ctx);
            } else {
                finish(ctx);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (finished) {
                return;
            }
            if (!closeAnnounced) {
                recorder.errors.incrementAndGet();
            }
            if (System.nanoTime() < end) {
                recorder.reconnects.incrementAndGet();
                connect(recorder, slot, end, done, due);
            } else {
                finished = true;
                done.countDown();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            recorder.errors.incrementAndGet();
            if (recorder.errorsShown.incrementAndGet() <= 5) {
                System.err.println("load: " + o.url + ": " + cause);
            }
            closeAnnounced = true; // counted here, not again when the channel goes inactive
            ctx.close();
        }

        private void finish(ChannelHandlerContext ctx) {
            finished = true;
            ctx.close();
            done.countDown();
        }

        private void next(ChannelHandlerContext ctx) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                ctx.executor().schedule(() -> send(ctx.channel()), wait, TimeUnit.NANOSECONDS);
            } else {
                send(ctx.channel());
            }
        }

        private void send(Channel ch) {
            if (!ch.isActive()) {
                return;
            }
            String target = o.targets.next();
            FullHttpRequest request = o.body == null
                    ? new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, o.method, target)
                    : new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, o.method, target, Unpooled.wrappedBuffer(o.body));
            request.headers().set(HttpHeaderNames.HOST, o.host);
            for (int i = 0; i + 1 < o.headers.length; i += 2) {
                request.headers().set(o.headers[i], o.headers[i + 1]);
            }
            if (o.body != null) {
                HttpUtil.setContentLength(request, o.body.length);
            }
            if (o.uniqueHeader != null) {
                request.headers().set(o.uniqueHeader, o.uniquePrefix + "-" + slot + "-" + SEQUENCE.incrementAndGet());
            }
            sent = System.nanoTime();
            due = Math.max(due, sent - interval) + interval;
            ch.writeAndFlush(request);
        }
    }
}
