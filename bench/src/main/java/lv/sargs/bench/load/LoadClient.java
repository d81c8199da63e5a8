package lv.sargs.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
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
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * <p>For mixed and long scenarios (bench/soak.sh) it also takes: {@code --method} and
 * {@code --body-file} (a POST body, sent as is), {@code --unique-header NAME} (that header's value
 * made unique per request, e.g. an Idempotency-Key), {@code --expect 202,400} (the statuses that
 * count as right; 200 by default; every other is "unexpected"), {@code --rate N} (at most N
 * requests/s over all connections, paced per connection, instead of as fast as answers come),
 * {@code --path} (a raw path sent byte for byte, for malformed ones a URI cannot hold), an
 * {@code http://} URL (plain HTTP, e.g. the management listener) and {@code --progress S} (a line
 * on stderr every S seconds). Several streams run in one JVM when their options are joined by
 * {@code --and}, each reporting under its {@code --name}. {@code --max-response} raises the 1 MiB
 * bound on an answer's body (a larger one is a client-side error). A connection the server closes is opened again until the run ends;
 * a close not announced with {@code Connection: close} counts as an error.
 *
 * <pre>
 * java -cp "bench/target/classes:bench/target/lib/*" lv.sargs.bench.load.LoadClient \
 *   --url https://127.0.0.1:8443/v1/companies/40003677732 --ca demo-run/pki/ca.pem \
 *   --cert demo-run/pki/core-banking.pem --key demo-run/pki/core-banking-key.pem \
 *   --header Sargs-Purpose=kyc --connections 64 --seconds 20 --warmup 5 --pid 1234
 * </pre>
 */
public final class LoadClient {

    /** Numbers the --unique-header values across the warm-up and the measured run. */
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private LoadClient() {
    }

    public static void main(String[] args) throws Exception {
        // Several streams in one JVM: their options separated by "--and" (the first stream's
        // --threads sizes the shared event loops); each prints its own report, tagged with --name.
        List<List<String>> segments = new ArrayList<>(List.of(new ArrayList<>()));
        for (String a : args) {
            if (a.equals("--and")) {
                segments.add(new ArrayList<>());
            } else {
                segments.get(segments.size() - 1).add(a);
            }
        }
        if (segments.size() == 1) {
            stream(Options.parse(args), null);
            return;
        }
        List<Options> streams = new ArrayList<>();
        for (List<String> segment : segments) {
            streams.add(Options.parse(segment.toArray(new String[0])));
        }
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(streams.get(0).threads,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        try {
            List<Thread> threads = new ArrayList<>();
            for (Options o : streams) {
                Thread t = new Thread(() -> {
                    try {
                        stream(o, group);
                    } catch (Exception e) {
                        System.err.println("load: stream " + o.name + ": " + e);
                    }
                }, "stream-" + o.name);
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** One stream: warm-up, measured run, report; on {@code shared} loops, or its own when null. */
    private static void stream(Options o, EventLoopGroup shared) throws Exception {
        SslContext ssl = o.plain ? null : SslContextBuilder.forClient()
                .trustManager(new File(o.ca)).keyManager(new File(o.cert), new File(o.key))
                .protocols("TLSv1.3")
                .applicationProtocolConfig(ApplicationProtocolConfig.DISABLED)
                .build();
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = shared != null ? shared : new MultiThreadIoEventLoopGroup(o.threads,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        try {
            Recorder warm = o.warmup > 0 ? run(o, ssl, group, epoll, o.warmup) : new Recorder(o.connections);
            long cpuBefore = cpuNanos(o.pid);
            java.util.concurrent.ScheduledFuture<?> progress = null;
            Recorder measured = new Recorder(o.connections);
            if (o.progress > 0) {
                long started = System.nanoTime();
                progress = group.next().scheduleAtFixedRate(() -> System.err.printf(
                        "%s: %d s: %d requests, unexpected %d, errors %d, reconnects %d%n", o.name,
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), measured.total.get(),
                        measured.unexpected.get(), measured.errors.get(), measured.reconnects.get()),
                        o.progress, o.progress, TimeUnit.SECONDS);
            }
            run(o, ssl, group, epoll, o.seconds, measured);
            if (progress != null) {
                progress.cancel(false);
            }
            long cpu = cpuNanos(o.pid) - cpuBefore;
            synchronized (LoadClient.class) {
                measured.print(o, warm, cpu);
            }
        } finally {
            if (shared == null) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
    }

    private static Recorder run(Options o, SslContext ssl, EventLoopGroup group, boolean epoll, int seconds)
            throws InterruptedException {
        return run(o, ssl, group, epoll, seconds, new Recorder(o.connections));
    }

    private static Recorder run(Options o, SslContext ssl, EventLoopGroup group, boolean epoll, int seconds,
                                Recorder recorder) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch done = new CountDownLatch(o.connections);
        Bootstrap b = new Bootstrap().group(group).channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true);
        for (int i = 0; i < o.connections; i++) {
            connect(b, o, ssl, recorder, i, end, done, System.nanoTime());
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
    private static void connect(Bootstrap b, Options o, SslContext ssl, Recorder recorder, int slot, long end,
                                CountDownLatch done, long due) {
        Bootstrap one = b.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (ssl != null) {
                    ch.pipeline().addLast(ssl.newHandler(ch.alloc(), o.host, o.port));
                }
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(o.maxResponse),
                        new Driver(b, o, ssl, recorder, slot, end, done, due));
            }
        });
        one.connect(o.host, o.port).addListener(f -> {
            if (!f.isSuccess()) {
                recorder.errors.incrementAndGet();
                if (System.nanoTime() < end) {
                    b.config().group().schedule(() -> connect(b, o, ssl, recorder, slot, end, done, System.nanoTime()),
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
    private static final class Driver extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final Bootstrap bootstrap;
        private final Options o;
        private final SslContext ssl;
        private final Recorder recorder;
        private final int slot;
        private final long end;
        private final CountDownLatch done;
        private final long interval;
        private long due;
        private long sent;
        private boolean finished;
        private boolean closeAnnounced;

        Driver(Bootstrap bootstrap, Options o, SslContext ssl, Recorder recorder, int slot, long end,
               CountDownLatch done, long due) {
            this.bootstrap = bootstrap;
            this.o = o;
            this.ssl = ssl;
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
                connect(bootstrap, o, ssl, recorder, slot, end, done, due);
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
            FullHttpRequest request = o.body == null
                    ? new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, o.method, o.path)
                    : new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, o.method, o.path, Unpooled.wrappedBuffer(o.body));
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

    /** Latencies per connection (no sharing on the hot path), merged at the end. */
    private static final class Recorder {
        final long[][] latencies;
        final int[] counts;
        final AtomicLong non200 = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong errorsShown = new AtomicLong();
        final AtomicLong total = new AtomicLong();
        final AtomicLong unexpected = new AtomicLong();
        final AtomicLong reconnects = new AtomicLong();
        final java.util.concurrent.ConcurrentHashMap<Integer, AtomicLong> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        int seconds;

        Recorder(int connections) {
            latencies = new long[connections][1 << 10];
            counts = new int[connections];
        }

        void record(int slot, long nanos, int status, java.util.Set<Integer> expect) {
            if (status != 200) {
                non200.incrementAndGet();
            }
            total.incrementAndGet();
            if (!expect.contains(status)) {
                unexpected.incrementAndGet();
            }
            statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
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
            // Before the summary: scripts/bench-nginx reads the last two lines.
            System.out.printf("%s: statuses %s; unexpected %d (expected %s), errors %d, reconnects %d; warm-up:"
                            + " unexpected %d, errors %d%n", o.name, new java.util.TreeMap<>(statuses), unexpected.get(), o.expect,
                    errors.get(), reconnects.get(), warm.unexpected.get(), warm.errors.get());
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
        HttpMethod method = HttpMethod.GET;
        byte[] body;
        String uniqueHeader;
        String uniquePrefix = Long.toString(System.currentTimeMillis(), 36);
        java.util.Set<Integer> expect = java.util.Set.of(200);
        double rate;
        String rawPath;
        boolean plain;
        int progress;
        String name;
        int maxResponse = 1 << 20;

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
                    case "--method" -> o.method = HttpMethod.valueOf(v);
                    case "--body-file" -> o.body = readAll(v);
                    case "--unique-header" -> o.uniqueHeader = v;
                    case "--expect" -> o.expect = java.util.Arrays.stream(v.split(","))
                            .map(String::trim).map(Integer::valueOf).collect(java.util.stream.Collectors.toUnmodifiableSet());
                    case "--rate" -> o.rate = Double.parseDouble(v);
                    case "--path" -> o.rawPath = v;
                    case "--progress" -> o.progress = Integer.parseInt(v);
                    case "--name" -> o.name = v;
                    case "--max-response" -> o.maxResponse = Integer.parseInt(v);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (expected: --url --ca --cert --key --header --connections --threads --seconds --warmup --pid"
                            + " --method --body-file --unique-header --expect --rate --path --progress --name --max-response, streams joined by --and)");
                }
            }
            java.net.URI uri = java.net.URI.create(o.url);
            o.host = uri.getHost();
            o.port = uri.getPort();
            o.path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            if (o.name == null) {
                o.name = o.url;
            }
            if (o.rawPath != null) {
                o.path = o.rawPath;
            }
            o.plain = "http".equals(uri.getScheme());
            if (o.port < 0) {
                o.port = o.plain ? 80 : 443;
            }
            o.headers = headers.toArray(new String[0]);
            return o;
        }

        private static byte[] readAll(String file) {
            try {
                return Files.readAllBytes(Path.of(file));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("--body-file " + file + ": " + e.getMessage() + " (expected: a readable file)", e);
            }
        }
    }
}
