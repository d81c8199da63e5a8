package lv.sargs.bench.upstream;

import lv.sargs.sandbox.demo.SandboxUpstreams;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import lv.sargs.gateway.upstream.core.Deadline;
import lv.sargs.gateway.upstream.UpstreamClient;
import lv.sargs.gateway.lookup.viss.VissClient;
import lv.sargs.gateway.lookup.viss.VissResult;
import lv.sargs.sandbox.viss.VissOptions;
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
 * One VISS legal-entity lookup through the gateway's upstream client (mutual TLS, bearer token,
 * pooled connections) against the in-process sandbox, under 8 concurrent callers; at the end it
 * prints the TLS handshakes per 1,000 calls, which issue 4 requires to stay below 1.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx512m", "-Dtinylog.level=warn"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Threads(8)
public class UpstreamCallBenchmark {

    private static final Duration BUDGET = Duration.ofSeconds(3);

    private SandboxUpstreams upstreams;
    private VissClient viss;
    private String registrationNumber;

    @Setup(Level.Trial)
    public void start() {
        upstreams = new SandboxUpstreams(SandboxUpstreams.withViss(
                VissOptions.defaults().withRateLimit(1_000_000_000, Duration.ofSeconds(1))));
        UpstreamClient upstream = upstreams.upstream("viss", upstreams.sandbox.viss().baseUri());
        viss = upstreams.viss(upstream);
        registrationNumber = upstreams.sandbox.world().companies().get(0).registrationNumber();
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        long calls = upstreams.counter("sargs_upstream_calls_total", "upstream=\"viss\",outcome=\"ok\"");
        long handshakes = upstreams.counter("sargs_upstream_tls_handshakes_total", "upstream=\"viss\"");
        // JMH's own output is the place for this figure; the benchmark is not library code.
        System.out.printf("%nupstream viss: %d calls, %d TLS handshakes, %.4f handshakes per 1000 calls%n",
                calls, handshakes, calls == 0 ? 0.0 : handshakes * 1000.0 / calls);
        upstreams.close();
    }

    @Benchmark
    public VissResult legalEntity() {
        return viss.legalEntity(registrationNumber, Deadline.after(BUDGET)).join();
    }
}
