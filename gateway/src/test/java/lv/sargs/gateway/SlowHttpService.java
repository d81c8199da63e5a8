package lv.sargs.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * A client service for lifecycle tests: plain HTTP on the configured client bind, answering
 * {@code GET /slow?ms=N} after N milliseconds, and draining on shutdown like the real listener
 * (stop accepting, let running exchanges finish within the grace period).
 */
public final class SlowHttpService implements ClientService {

    /** Logged when a slow request has arrived, so a test driving a subprocess knows when to signal. */
    public static final String STARTED = "slow request started";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    private SlowHttpService(HttpServer server) {
        this.server = server;
    }

    public static ClientService start(Context context) throws StartupException {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(context.config().clientListener().bind().host(),
                    context.config().clientListener().bind().port()), 16);
            SlowHttpService service = new SlowHttpService(server);
            server.setExecutor(service.executor);
            server.createContext("/slow", exchange -> {
                String query = exchange.getRequestURI().getQuery();
                long ms = Long.parseLong(query == null ? "1000" : query.substring(query.indexOf('=') + 1));
                Logger.info(STARTED + " ({} ms)", ms);
                try {
                    TimeUnit.MILLISECONDS.sleep(ms);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] body = ("done after " + ms + " ms\n").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return service;
        } catch (IOException e) {
            throw new StartupException(StartupException.Code.LISTENER, "listeners.client.bind: " + e.getMessage(), e);
        }
    }

    @Override
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public boolean shutdown(Duration grace) {
        long start = System.nanoTime();
        // HttpServer.stop closes the listening socket, then waits for running exchanges up to the delay.
        server.stop((int) Math.max(1, grace.toSeconds()));
        executor.shutdown();
        try {
            return executor.awaitTermination(1, TimeUnit.SECONDS)
                    && System.nanoTime() - start <= grace.toNanos();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while draining", e));
        }
    }
}
