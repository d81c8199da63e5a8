package lv.sargs.bench.budget;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The 3-second budget of a company lookup, end to end: 16 core-system threads call the gateway's
 * client listener (mutual TLS, HTTP/1.1 keep-alive), which asks the sandbox's registers through its
 * upstream clients, in each {@link Scenario}. JMH samples the latency; besides, every answer is
 * timed, and the trial fails (an exception in its teardown, so JMH with {@code -foe true} exits
 * non-zero) when any answer took longer than {@link BudgetRig#BUDGET} or never came.
 * {@code scripts/bench-budget} runs it with this benchmark's 200-in-flight sibling.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx768m", "-Dtinylog.writer.level=warn"})
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 2, time = 10)
@Threads(LookupBudgetBenchmark.THREADS)
public class LookupBudgetBenchmark {

    static final int THREADS = 16;

    @Param({"HITS", "MISSES_50MS", "STALLED_STALE", "STALLED_NO_STALE"})
    public String scenario;

    private BudgetTrial trial;
    private final AtomicInteger threads = new AtomicInteger();

    /** Each thread walks the subjects from its own offset, so concurrent lookups rarely share a register call. */
    @State(Scope.Thread)
    public static class Cursor {
        int next = -1;
    }

    @Setup(Level.Trial)
    public void start() throws Exception {
        trial = BudgetTrial.open(scenario, Scenario.valueOf(scenario), THREADS);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        trial.close();
    }

    @Benchmark
    public int lookup(Cursor cursor) throws InterruptedException {
        if (cursor.next < 0) {
            cursor.next = threads.getAndIncrement() * (trial.subjects() / THREADS + 1);
        }
        return trial.lookup(cursor.next++);
    }
}
