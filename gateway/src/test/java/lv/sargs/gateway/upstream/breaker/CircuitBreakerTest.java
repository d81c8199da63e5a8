package lv.sargs.gateway.upstream.breaker;

import lv.sargs.gateway.upstream.core.BreakerSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import lv.sargs.gateway.upstream.breaker.CircuitBreaker.State;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    /** A monotonic clock the test moves by hand. */
    private static final class FakeNanoClock {
        long now = 1_000_000_000L;

        void advance(Duration d) {
            now += d.toNanos();
        }
    }

    private final FakeNanoClock clock = new FakeNanoClock();
    private final CircuitBreaker breaker =
            new CircuitBreaker(new BreakerSettings(3, 0.5, 10, Duration.ofSeconds(10)), () -> clock.now);

    private void calls(int successes, int failures) {
        for (int i = 0; i < successes; i++) {
            assertTrue(breaker.tryAcquire());
            breaker.onSuccess();
        }
        for (int i = 0; i < failures; i++) {
            assertTrue(breaker.tryAcquire());
            breaker.onFailure();
        }
    }

    @Test
    void opensAfterConsecutiveFailures() {
        calls(5, 2);
        assertEquals(State.CLOSED, breaker.state());
        calls(0, 1);
        assertEquals(State.OPEN, breaker.state());
        assertFalse(breaker.tryAcquire());
    }

    @Test
    void opensWhenTheFailedShareOfTheWindowReachesTheRatio() {
        for (int i = 0; i < 5; i++) {
            calls(1, 1);
        }
        assertEquals(State.OPEN, breaker.state());
    }

    @Test
    void staysClosedBelowTheRatioAsOldFailuresLeaveTheWindow() {
        for (int i = 0; i < 4; i++) {
            calls(1, 1);
        }
        calls(10, 0);
        calls(1, 2);
        assertEquals(State.CLOSED, breaker.state());
    }

    @Test
    void letsOneProbeThroughAfterTheCoolDownAndClosesOnItsSuccess() {
        calls(0, 3);
        clock.advance(Duration.ofSeconds(9));
        assertFalse(breaker.tryAcquire());
        clock.advance(Duration.ofSeconds(1));

        assertTrue(breaker.tryAcquire());
        assertEquals(State.HALF_OPEN, breaker.state());
        assertFalse(breaker.tryAcquire(), "a second probe while the first is out");
        breaker.onSuccess();

        assertEquals(State.CLOSED, breaker.state());
        assertTrue(breaker.tryAcquire());
    }

    @Test
    void reopensWhenTheProbeFails() {
        calls(0, 3);
        clock.advance(Duration.ofSeconds(10));
        assertTrue(breaker.tryAcquire());
        breaker.onFailure();

        assertEquals(State.OPEN, breaker.state());
        assertFalse(breaker.tryAcquire());
        clock.advance(Duration.ofSeconds(10));
        assertTrue(breaker.tryAcquire());
    }
}
