package lv.sargs.gateway.threads;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import lv.sargs.gateway.metrics.Metrics;

/**
 * Where every thread, pool, scheduler and event-loop group of the gateway is made: threads are named
 * {@code sargs-<role>-<n>}, pools are bounded (a full queue refuses at once, never blocks the caller),
 * and each pool's queue depth and active threads are on {@code /metrics} as
 * {@code sargs_executor_queue_depth{pool}} and {@code sargs_executor_active_threads{pool}}. The sizes
 * come from the config's {@code threads} section or the capability's own; docs/threading.md says
 * which thread does what and what may never block.
 */
public final class ThreadPools implements AutoCloseable {

    private static final Map<String, AtomicInteger> NUMBERS = new ConcurrentHashMap<>();

    private final Metrics metrics;
    private final List<ExecutorService> executors = new ArrayList<>();

    /** @param metrics where each pool's queue depth and active threads are published */
    public ThreadPools(Metrics metrics) {
        this.metrics = metrics;
    }

    /**
     * Names threads {@code sargs-<role>-<n>}, {@code n} counting from 1 per role for the life of the
     * process; for the few classes that own a single thread outright (a store's writer).
     */
    public static ThreadFactory threadFactory(String role, boolean daemon) {
        if (!role.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("thread role: " + role + " (expected: lower-case words joined by '-')");
        }
        AtomicInteger numbers = NUMBERS.computeIfAbsent(role, r -> new AtomicInteger());
        return runnable -> {
            Thread t = new Thread(runnable, "sargs-" + role + "-" + numbers.incrementAndGet());
            t.setDaemon(daemon);
            return t;
        };
    }

    /**
     * A bounded pool of up to {@code threads} threads and {@code queue} waiting tasks; a task beyond
     * that is refused with {@link java.util.concurrent.RejectedExecutionException}. Idle threads end.
     */
    public synchronized ThreadPoolExecutor pool(String role, int threads, int queue) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), threadFactory(role, true), new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        publish(role, pool);
        return pool;
    }

    /** One daemon thread running timers and periodic work. */
    public synchronized ScheduledExecutorService scheduler(String role) {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, threadFactory(role, true));
        publish(role, scheduler);
        return scheduler;
    }

    /** An event-loop group of {@code threads} loops; its pending tasks are published per group. */
    public EventLoopGroup eventLoops(String role, int threads, IoHandlerFactory io) {
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, threadFactory(role, false), io);
        metrics.gauge("sargs_event_loop_pending_tasks", "Tasks waiting on an event-loop group's threads.",
                Metrics.label("group", role), () -> pending(group));
        return group;
    }

    private static double pending(EventLoopGroup group) {
        long pending = 0;
        for (EventExecutor loop : group) {
            if (loop instanceof SingleThreadEventExecutor s) {
                pending += s.pendingTasks();
            }
        }
        return pending;
    }

    private void publish(String role, ThreadPoolExecutor pool) {
        executors.add(pool);
        String labels = Metrics.label("pool", role);
        metrics.gauge("sargs_executor_queue_depth", "Tasks waiting in a pool's queue.", labels,
                () -> pool.getQueue().size());
        metrics.gauge("sargs_executor_active_threads", "Threads of a pool running a task.", labels,
                pool::getActiveCount);
    }

    /**
     * Stops whatever pool its owner left running (owners stop theirs first, in their own order);
     * waits briefly for running tasks.
     */
    @Override
    public synchronized void close() {
        for (ExecutorService e : executors) {
            e.shutdown();
        }
        for (ExecutorService e : executors) {
            try {
                if (!e.awaitTermination(5, TimeUnit.SECONDS)) {
                    e.shutdownNow();
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                e.shutdownNow();
            }
        }
    }
}
