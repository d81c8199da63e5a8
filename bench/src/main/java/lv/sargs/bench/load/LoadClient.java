package lv.sargs.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load generator for the client listener, run in its own JVM so it does not share the
 * gateway's heap: {@code connections} keep-alive HTTP/1.1 connections over mutual TLS, each
 * sending the next request when the last answer arrived, for {@code seconds}. Prints requests/s,
 * latency percentiles, non-200 answers, and — given the gateway's pid — its CPU time per request
 * (from /proc), the figure the nginx yardstick is quoted in.
 *
 * <pre>
 * java -cp "bench/target/classes:bench/target/lib/*" lv.sargs.bench.load.LoadClient \
 *   --url https://127.0.0.1:8443/v1/companies/40003677732 --ca demo-run/pki/ca.pem \
 *   --cert demo-run/pki/core-banking.pem --key demo-run/pki/core-banking-key.pem \
 *   --header Sargs-Purpose=kyc --connections 64 --seconds 20 --warmup 5 --pid 1234
 * </pre>
 */
public final class LoadClient {

    private LoadClient() {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        SslContext ssl = SslContextBuilder.forClient()
                .trustManager(new File(o.ca)).keyManager(new File(o.cert), new File(o.key))
                .protocols("TLSv1.3")
                .applicationProtocolConfig(ApplicationProtocolConfig.DISABLED)
                .build();
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(o.threads,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        try {
            Recorder warm = run(o, ssl, group, epoll, o.warmup);
            long cpuBefore = cpuNanos(o.pid);
            Recorder measured = run(o, ssl, group, epoll, o.seconds);
            long cpu = cpuNanos(o.pid) - cpuBefore;
            measured.print(o, warm, cpu);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static Recorder run(Options o, SslContext ssl, EventLoopGroup group, boolean epoll, int seconds)
            throws InterruptedException {
        Recorder recorder = new Recorder(o.connections);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch done = new CountDownLatch(o.connections);
        Bootstrap b = new Bootstrap().group(group).channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true);
        for (int i = 0; i < o.connections; i++) {
            int slot = i;
            b.handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(ssl.newHandler(ch.alloc(), o.host, o.port),
                            new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                            new Driver(o, recorder, slot, end, done));
                }
            });
            b.connect(o.host, o.port).addListener(f -> {
                if (!f.isSuccess()) {
                    recorder.errors.incrementAndGet();
                    done.countDown();
                }
            });
        }
        if (!done.await(seconds + 30L, TimeUnit.SECONDS)) {
            System.err.println("load: some connections did not finish in time");
        }
        recorder.seconds = seconds;
        return recorder;
    }

    /** Sends the next request on its connection when the previous answer is in. */
    private static final class Driver extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final Options o;
        private final Recorder recorder;
        private final int slot;
        private final long end;
        private final CountDownLatch done;
        private long sent;

        Driver(Options o, Recorder recorder, int slot, long end, CountDownLatch done) {
            this.o = o;
            this.recorder = recorder;
            this.slot = slot;
            this.end = end;
            this.done = done;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            send(ctx.channel());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            long now = System.nanoTime();
            recorder.record(slot, now - sent, response.status().code());
            if (now < end) {
                send(ctx.channel());
            } else {
                ctx.close();
                done.countDown();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            recorder.errors.incrementAndGet();
            ctx.close();
            done.countDown();
        }

        private void send(Channel ch) {
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, o.path);
            request.headers().set(HttpHeaderNames.HOST, o.host);
            for (int i = 0; i + 1 < o.headers.length; i += 2) {
                request.headers().set(o.headers[i], o.headers[i + 1]);
            }
            sent = System.nanoTime();
            ch.writeAndFlush(request);
        }
    }

    /** Latencies per connection (no sharing on the hot path), merged at the end. */
    private static final class Recorder {
        final long[][] latencies;
        final int[] counts;
        final AtomicLong non200 = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        int seconds;

        Recorder(int connections) {
            latencies = new long[connections][1 << 10];
            counts = new int[connections];
        }

        void record(int slot, long nanos, int status) {
            if (status != 200) {
                non200.incrementAndGet();
            }
            long[] l = latencies[slot];
            if (counts[slot] == l.length) {
                latencies[slot] = l = Arrays.copyOf(l, l.length * 2);
            }
            l[counts[slot]++] = nanos;
        }

        void print(Options o, Recorder warm, long cpuNanos) {
            int total = Arrays.stream(counts).sum();
            long[] all = new long[total];
            int at = 0;
            for (int i = 0; i < counts.length; i++) {
                System.arraycopy(latencies[i], 0, all, at, counts[i]);
                at += counts[i];
            }
            Arrays.sort(all);
            double rps = total / (double) seconds;
            System.out.printf("%s: %d connections, %d s: %d requests, %.0f req/s; latency p50 %.0f µs, p99 %.0f µs,"
                            + " p99.9 %.0f µs; non-200 %d, errors %d (warm-up %d requests)%n",
                    o.url, o.connections, seconds, total, rps, pct(all, 0.50), pct(all, 0.99), pct(all, 0.999),
                    non200.get(), errors.get(), Arrays.stream(warm.counts).sum());
            if (cpuNanos > 0 && total > 0) {
                System.out.printf("gateway CPU (pid %d): %.1f µs per request, %.0f%% of one core%n", o.pid,
                        cpuNanos / 1000.0 / total, cpuNanos / 1e7 / seconds);
            }
        }

        private static double pct(long[] sorted, double p) {
            return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)] / 1000.0;
        }
    }

    /** utime + stime of {@code pid} in nanoseconds (clock ticks of 10 ms); 0 without a pid. */
    private static long cpuNanos(long pid) throws java.io.IOException {
        if (pid <= 0) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }

    private static final class Options {
        String url;
        String host;
        int port;
        String path;
        String ca;
        String cert;
        String key;
        String[] headers = new String[0];
        int connections = 64;
        int threads = 2;
        int seconds = 20;
        int warmup = 5;
        long pid;

        static Options parse(String[] args) {
            Options o = new Options();
            java.util.List<String> headers = new java.util.ArrayList<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                String v = args[i + 1];
                switch (args[i]) {
                    case "--url" -> o.url = v;
                    case "--ca" -> o.ca = v;
                    case "--cert" -> o.cert = v;
                    case "--key" -> o.key = v;
                    case "--header" -> {
                        int eq = v.indexOf('=');
                        headers.add(v.substring(0, eq));
                        headers.add(v.substring(eq + 1));
                    }
                    case "--connections" -> o.connections = Integer.parseInt(v);
                    case "--threads" -> o.threads = Integer.parseInt(v);
                    case "--seconds" -> o.seconds = Integer.parseInt(v);
                    case "--warmup" -> o.warmup = Integer.parseInt(v);
                    case "--pid" -> o.pid = Long.parseLong(v);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (expected: --url --ca --cert --key --header --connections --threads --seconds --warmup --pid)");
                }
            }
            java.net.URI uri = java.net.URI.create(o.url);
            o.host = uri.getHost();
            o.port = uri.getPort();
            o.path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            o.headers = headers.toArray(new String[0]);
            return o;
        }
    }
}
