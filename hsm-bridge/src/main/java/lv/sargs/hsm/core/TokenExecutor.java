package lv.sargs.hsm.core;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.TokenException.Code;
import org.tinylog.Logger;

/**
 * The one worker thread that owns a token's sessions, fed by a bounded queue: a full queue fails at
 * once with {@code QUEUE_FULL}, and an operation not finished within the deadline (queueing
 * included) fails with {@code DEADLINE_EXCEEDED}; futures complete on the worker thread.
 *
 * <p>Deadlines are enforced by one watchdog tick rather than a timer per operation: every queued
 * operation has the same deadline length, so the queue is ordered by deadline and the watchdog
 * only ever expires a prefix of it, plus the running operation.
 */
public final class TokenExecutor implements AutoCloseable {

    private final String tokenName;
    private final long deadlineNanos;
    private final ArrayBlockingQueue<Operation<?>> queue;
    private final Thread worker;
    private final ScheduledExecutorService watchdog;
    private volatile Operation<?> running;
    private volatile boolean closed;

    /** Starts the worker and watchdog threads for the token called {@code tokenName}. */
    public TokenExecutor(String tokenName, int queueCapacity, Duration deadline) {
        if (queueCapacity < 1) {
            throw new TokenException(Code.CONFIGURATION,
                    tokenName + ": queueCapacity " + queueCapacity + " (expected: at least 1)");
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new TokenException(Code.CONFIGURATION,
                    tokenName + ": operationDeadline " + deadline + " (expected: positive)");
        }
        this.tokenName = tokenName;
        this.deadlineNanos = deadline.toNanos();
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.worker = new Thread(this::work, "hsm-worker " + tokenName);
        this.worker.setDaemon(true);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hsm-watchdog " + tokenName);
            t.setDaemon(true);
            return t;
        });
        long tick = Math.max(5, Math.min(100, deadline.toMillis() / 20));
        watchdog.scheduleWithFixedDelay(this::expireOverdue, tick, tick, TimeUnit.MILLISECONDS);
        worker.start();
    }

    /**
     * Queues {@code task}; the future fails with {@code QUEUE_FULL} at once when the queue is full,
     * {@code DEADLINE_EXCEEDED} when the deadline passes first, {@code CLOSED} after close.
     * A {@link TokenException} thrown by the task fails the future as is.
     */
    public <T> CompletableFuture<T> submit(String what, Callable<T> task) {
        return submit(what, null, task);
    }

    /**
     * As {@link #submit(String, Callable)}, for the hot path: the description ({@code action}
     * followed by the quoted {@code key}) is only put together when a message needs it.
     */
    public <T> CompletableFuture<T> submit(String action, String key, Callable<T> task) {
        Operation<T> op = new Operation<>(action, key, task, System.nanoTime() + deadlineNanos);
        if (closed) {
            op.completeExceptionally(new TokenException(Code.CLOSED, tokenName + ": closed; cannot " + op.what()));
        } else if (!queue.offer(op)) {
            op.completeExceptionally(new TokenException(Code.QUEUE_FULL, tokenName + ": queue full ("
                    + capacity() + " operations waiting); cannot " + op.what()));
        }
        return op;
    }

    /** Runs {@code task} on the worker and waits for it, for administrative calls off the hot path. */
    public <T> T call(String what, Callable<T> task) {
        return await(submit(what, task));
    }

    /** Waits for a token future, unwrapping its {@link TokenException}. */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException | CompletionException e) {
            throw rethrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenException(Code.OPERATION_FAILED, "interrupted while waiting for the token", e);
        }
    }

    /** Waits at most {@code timeout} for a token future, for callers that hold their own deadline. */
    public static <T> T await(CompletableFuture<T> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | CompletionException e) {
            throw rethrow(e.getCause());
        } catch (TimeoutException e) {
            throw new TokenException(Code.DEADLINE_EXCEEDED, what + ": no answer within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenException(Code.OPERATION_FAILED, what + ": interrupted", e);
        }
    }

    private static TokenException rethrow(Throwable cause) {
        if (cause instanceof TokenException te) {
            return te;
        }
        return new TokenException(Code.OPERATION_FAILED, String.valueOf(cause), cause);
    }

    /** True when called on this token's worker thread. */
    public boolean onWorker() {
        return Thread.currentThread() == worker;
    }

    private int capacity() {
        return queue.size() + queue.remainingCapacity();
    }

    private void work() {
        while (!closed) {
            Operation<?> op;
            try {
                op = queue.take();
            } catch (InterruptedException e) {
                break;
            }
            if (op.isDone()) {
                continue;
            }
            running = op;
            op.run(tokenName);
            running = null;
        }
        failQueued();
    }

    private void expireOverdue() {
        long now = System.nanoTime();
        Operation<?> current = running;
        if (current != null) {
            current.expireIfOverdue(now, tokenName);
        }
        for (Iterator<Operation<?>> it = queue.iterator(); it.hasNext(); ) {
            Operation<?> op = it.next();
            if (!op.expireIfOverdue(now, tokenName)) {
                break;
            }
            it.remove();
        }
    }

    private void failQueued() {
        Operation<?> op;
        while ((op = queue.poll()) != null) {
            op.completeExceptionally(new TokenException(Code.CLOSED, tokenName + ": closed; cannot " + op.what()));
        }
    }

    /** Stops the worker; queued operations fail with {@code CLOSED}, a running one may finish. */
    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        watchdog.shutdownNow();
        try {
            worker.join(deadlineNanos / 1_000_000 + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failQueued();
        Operation<?> current = running;
        if (current != null) {
            current.completeExceptionally(new TokenException(Code.CLOSED, tokenName + ": closed during " + current.what()));
        }
    }

    /** A queued task with its deadline; it is its own future so queueing allocates one object. */
    private static final class Operation<T> extends CompletableFuture<T> {
        private final String action;
        private final String key;
        private final Callable<T> task;
        private final long deadline;

        Operation(String action, String key, Callable<T> task, long deadline) {
            this.action = action;
            this.key = key;
            this.task = task;
            this.deadline = deadline;
        }

        String what() {
            return key == null ? action : action + " '" + key + "'";
        }

        void run(String tokenName) {
            try {
                complete(task.call());
            } catch (TokenException e) {
                completeExceptionally(e);
            } catch (Exception | LinkageError e) {
                Logger.debug(e, "{}: {} failed", tokenName, what());
                completeExceptionally(new TokenException(Code.OPERATION_FAILED,
                        tokenName + ": " + what() + " failed: " + e, e));
            }
        }

        boolean expireIfOverdue(long now, String tokenName) {
            if (now - deadline < 0) {
                return false;
            }
            completeExceptionally(new TokenException(Code.DEADLINE_EXCEEDED,
                    tokenName + ": " + what() + " did not finish within the operation deadline"));
            return true;
        }
    }
}
