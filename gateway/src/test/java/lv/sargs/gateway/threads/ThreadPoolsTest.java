package lv.sargs.gateway.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import lv.sargs.gateway.metrics.Metrics;
import org.junit.jupiter.api.Test;

/** Every pool named {@code sargs-<role>-<n>}, bounded, and visible on /metrics. */
class ThreadPoolsTest {

    private final Metrics metrics = new Metrics();

    @Test
    void namesThreadsByRoleAndNumber() throws Exception {
        try (ThreadPools pools = new ThreadPools(metrics)) {
            ScheduledExecutorService timer = pools.scheduler("test-timer");
            String name = CompletableFuture.supplyAsync(() -> Thread.currentThread().getName(), timer).get();
            assertTrue(name.matches("sargs-test-timer-[0-9]+"), name);
        }
    }

    @Test
    void refusesWorkBeyondTheQueueAndPublishesDepthAndActiveThreads() throws Exception {
        try (ThreadPools pools = new ThreadPools(metrics)) {
            ThreadPoolExecutor pool = pools.pool("test-bounded", 1, 1);
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            pool.execute(() -> {
                running.countDown();
                await(release);
            });
            running.await();
            pool.execute(() -> { });

            assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> { }));
            String scrape = scrape();
            assertTrue(scrape.contains("sargs_executor_queue_depth{pool=\"test-bounded\"} 1"), scrape);
            assertTrue(scrape.contains("sargs_executor_active_threads{pool=\"test-bounded\"} 1"), scrape);
            release.countDown();
        }
    }

    @Test
    void publishesAnEventLoopGroupsPendingTasks() throws Exception {
        try (ThreadPools pools = new ThreadPools(metrics)) {
            EventLoopGroup loops = pools.eventLoops("test-io", 1, NioIoHandler.newFactory());
            try {
                String name = loops.submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);
                assertTrue(name.startsWith("sargs-test-io-"), name);
                assertTrue(scrape().contains("sargs_event_loop_pending_tasks{group=\"test-io\"} 0"), scrape());
            } finally {
                loops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).sync();
            }
        }
    }

    @Test
    void refusesARoleThatWouldMakeAnUnreadableName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ThreadPools.threadFactory("Client TLS", true));
        assertEquals("thread role: Client TLS (expected: lower-case words joined by '-')", e.getMessage());
    }

    private String scrape() {
        StringBuilder out = new StringBuilder();
        metrics.writePrometheus(out);
        return out.toString();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
