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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The 3-second budget with 200 company lookups in flight at once while the registers stall every
 * call and nothing is cached: 200 threads, each on its own keep-alive connection, each asking a
 * subject of its own. As {@link LookupBudgetBenchmark}, every answer is timed and the trial fails
 * when any took longer than {@link BudgetRig#BUDGET} or never came.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx768m", "-Dtinylog.writer.level=warn"})
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 2, time = 10)
@Threads(StalledInFlightBenchmark.IN_FLIGHT)
public class StalledInFlightBenchmark {

    static final int IN_FLIGHT = 200;

    private BudgetTrial trial;
    private final AtomicInteger threads = new AtomicInteger();

    /** Each thread keeps to subjects of its own: thread i asks i, i + 200, ... */
    @State(Scope.Thread)
    public static class Cursor {
        int next = -1;
    }

    @Setup(Level.Trial)
    public void start() throws Exception {
        trial = BudgetTrial.open("STALLED_200_IN_FLIGHT", Scenario.STALLED_NO_STALE, IN_FLIGHT);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        trial.close();
    }

    @Benchmark
    public int lookup(Cursor cursor) throws InterruptedException {
        if (cursor.next < 0) {
            cursor.next = threads.getAndIncrement();
        }
        int subject = cursor.next;
        cursor.next += IN_FLIGHT;
        return trial.lookup(subject);
    }
}
