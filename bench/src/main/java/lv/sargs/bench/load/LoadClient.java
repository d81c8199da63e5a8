package lv.sargs.bench.load;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A load generator for the client listener, run in its own JVM so it does not share the
 * gateway's heap: {@code connections} keep-alive HTTP/1.1 connections over mutual TLS, each
 * sending the next request when the last answer arrived, for {@code seconds} after a warm-up.
 * Prints requests/s, latency percentiles, non-200 answers, and — given the gateway's pid — its CPU
 * time per request (from /proc), the figure the nginx yardstick is quoted in. This class runs the
 * streams; {@link LoadOptions} parses, {@link LoadRun} drives the connections, {@link LoadReport}
 * prints.
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
 * bound on an answer's body (a larger one is a client-side error).
 *
 * <p>{@code --paths-file FILE} asks for the paths listed in the file (one a line, e.g. written by
 * {@link SandboxSubjects}) in turn over all connections instead of the URL's one path, so that the
 * requests in flight ask for distinct subjects; {@code --url} still names the server.
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
        List<LoadOptions> streams = LoadOptions.parseStreams(args);
        boolean epoll = Epoll.isAvailable();
        // The first stream's --threads sizes the event loops, which several streams share.
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(streams.get(0).threads,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Class<? extends SocketChannel> channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        try {
            if (streams.size() == 1) {
                stream(streams.get(0), group, channelType);
                return;
            }
            List<Thread> threads = new ArrayList<>();
            for (LoadOptions o : streams) {
                Thread t = new Thread(() -> {
                    try {
                        stream(o, group, channelType);
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

    /** One stream: warm-up, measured run, report. */
    private static void stream(LoadOptions o, EventLoopGroup group, Class<? extends SocketChannel> channelType)
            throws Exception {
        SslContext ssl = o.plain ? null : SslContextBuilder.forClient()
                .trustManager(new File(o.ca)).keyManager(new File(o.cert), new File(o.key))
                .protocols("TLSv1.3")
                .applicationProtocolConfig(ApplicationProtocolConfig.DISABLED)
                .build();
        LoadRun run = new LoadRun(o, ssl, group, channelType);
        LoadRecorder warm = new LoadRecorder(o.connections);
        if (o.warmup > 0) {
            run.run(o.warmup, warm);
        }
        long cpuBefore = ProcessCpu.nanos(o.pid);
        LoadRecorder measured = new LoadRecorder(o.connections);
        ScheduledFuture<?> progress = null;
        if (o.progress > 0) {
            long started = System.nanoTime();
            progress = group.next().scheduleAtFixedRate(() -> System.err.printf(
                    "%s: %d s: %d requests, unexpected %d, errors %d, reconnects %d%n", o.name,
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), measured.total.get(),
                    measured.unexpected.get(), measured.errors.get(), measured.reconnects.get()),
                    o.progress, o.progress, TimeUnit.SECONDS);
        }
        run.run(o.seconds, measured);
        if (progress != null) {
            progress.cancel(false);
        }
        long cpu = ProcessCpu.nanos(o.pid) - cpuBefore;
        synchronized (LoadClient.class) {
            LoadReport.print(o, measured, warm, cpu);
        }
    }
}
