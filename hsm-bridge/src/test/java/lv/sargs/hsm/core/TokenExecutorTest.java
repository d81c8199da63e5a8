package lv.sargs.hsm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import lv.sargs.hsm.TokenException;
import org.junit.jupiter.api.Test;

class TokenExecutorTest {

    private static TokenException.Code failure(CompletableFuture<?> future) {
        CompletionException e = assertThrows(CompletionException.class, future::join);
        return ((TokenException) e.getCause()).code();
    }

    @Test
    void completesOnTheWorkerThread() {
        try (TokenExecutor executor = new TokenExecutor("token 't'", 4, Duration.ofSeconds(5))) {
            String thread = executor.submit("name thread", () -> Thread.currentThread().getName())
                    .thenApply(ignored -> Thread.currentThread().getName()).join();
            assertEquals("hsm-worker token 't'", thread);
        }
    }

    @Test
    void failsAtOnceWhenTheQueueIsFull() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (TokenExecutor executor = new TokenExecutor("token 't'", 1, Duration.ofSeconds(5))) {
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<Object> blocking = executor.submit("block", () -> {
                started.countDown();
                release.await();
                return null;
            });
            started.await();
            CompletableFuture<Object> queued = executor.submit("queued", () -> null);
            CompletableFuture<Object> rejected = executor.submit("rejected", () -> null);
            assertTrue(rejected.isDone());
            assertEquals(TokenException.Code.QUEUE_FULL, failure(rejected));
            release.countDown();
            blocking.join();
            queued.join();
        }
    }

    @Test
    void failsOperationsThatOutliveTheDeadline() {
        CountDownLatch release = new CountDownLatch(1);
        try (TokenExecutor executor = new TokenExecutor("token 't'", 4, Duration.ofMillis(200))) {
            CompletableFuture<Object> stuck = executor.submit("stuck", () -> {
                release.await();
                return null;
            });
            CompletableFuture<Object> waiting = executor.submit("waiting", () -> null);
            long start = System.nanoTime();
            assertEquals(TokenException.Code.DEADLINE_EXCEEDED, failure(stuck));
            assertEquals(TokenException.Code.DEADLINE_EXCEEDED, failure(waiting));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2000);
            release.countDown();
        }
    }

    @Test
    void failsAfterClose() {
        TokenExecutor executor = new TokenExecutor("token 't'", 4, Duration.ofSeconds(1));
        executor.close();
        assertEquals(TokenException.Code.CLOSED, failure(executor.submit("late", () -> null)));
    }
}
