package lv.sargs.gateway.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleFlightTest {

    private final SingleFlight<String, String> flight = new SingleFlight<>();

    @Test
    void hundredConcurrentIdenticalCallsMakeOneUpstreamCall() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<String> upstream = new CompletableFuture<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<CompletableFuture<CompletableFuture<String>>> callers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            callers.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return flight.run("company:40003521600", () -> {
                    calls.incrementAndGet();
                    return upstream;
                });
            }, pool));
        }
        start.countDown();
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (var c : callers) {
            results.add(c.get(10, TimeUnit.SECONDS));
        }
        upstream.complete("answer");
        for (var r : results) {
            assertEquals("answer", r.get(10, TimeUnit.SECONDS));
        }
        assertEquals(1, calls.get());
        assertEquals(0, flight.inFlight());
        pool.shutdownNow();
    }

    @Test
    void startsANewCallOnceThePreviousOneFinished() {
        AtomicInteger calls = new AtomicInteger();
        flight.run("k", () -> CompletableFuture.completedFuture("v" + calls.incrementAndGet())).join();
        assertEquals("v2", flight.run("k", () -> CompletableFuture.completedFuture("v" + calls.incrementAndGet())).join());
    }

    @Test
    void sharesAFailureWithEveryWaiterAndForgetsIt() {
        CompletableFuture<String> upstream = new CompletableFuture<>();
        CompletableFuture<String> a = flight.run("k", () -> upstream);
        CompletableFuture<String> b = flight.run("k", () -> CompletableFuture.completedFuture("never"));
        assertSame(a, b);
        upstream.completeExceptionally(new IllegalStateException("register down"));
        assertThrows(CompletionException.class, a::join);
        assertEquals(0, flight.inFlight());
    }

    @Test
    void aCallThatThrowsFailsItsFutureInsteadOfTheCaller() {
        CompletableFuture<String> f = flight.run("k", () -> {
            throw new IllegalStateException("boom");
        });
        assertThrows(CompletionException.class, f::join);
        assertEquals(0, flight.inFlight());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
