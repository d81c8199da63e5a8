package lv.sargs.sandbox.ekase;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Polls until a value satisfies a condition, failing with the last value after a bound. */
final class Eventually {

    private Eventually() {
    }

    static <T> T await(Callable<T> probe, Predicate<T> done, Duration within) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        T last = probe.call();
        while (!done.test(last)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("still " + last + " after " + within.toMillis() + " ms");
            }
            Thread.sleep(25);
            last = probe.call();
        }
        return last;
    }
}
