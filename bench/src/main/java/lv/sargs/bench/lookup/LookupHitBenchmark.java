package lv.sargs.bench.lookup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import lv.sargs.gateway.cache.AnswerCache;
import lv.sargs.gateway.cache.Freshness;
import lv.sargs.gateway.config.LookupsConfig;
import lv.sargs.gateway.lookup.AnswerPart;
import lv.sargs.gateway.lookup.Fetched;
import lv.sargs.gateway.lookup.LookupRequest;
import lv.sargs.gateway.lookup.PartKey;
import lv.sargs.gateway.lookup.PartLookup;
import lv.sargs.gateway.lookup.RegisterPart;
import lv.sargs.gateway.lookup.StandardAnswer;
import lv.sargs.gateway.lookup.SubjectLookup;
import lv.sargs.gateway.metrics.Metrics;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * A company answer whose three register sections are all cache hits, settled and assembled as the
 * lookup route does it: with each part's freshness resolved once at start-up (as the lookups
 * capability wires it), and, for comparison, looked up by its terms key on every request (as it
 * was wired before the register SPI). Run with {@code -prof gc} to see the bytes per answer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LookupHitBenchmark {

    private static final String ID = "40003032949";

    private Path dir;
    private AnswerCache cache;
    private ScheduledExecutorService timer;
    private SubjectLookup resolvedOnce;
    private SubjectLookup perRequest;
    private List<AnswerPart> sections;

    /** A part that is never asked: every answer comes from the cache. */
    private record CachedOnly(PartKey key) implements RegisterPart {
        @Override
        public long feeCents() {
            return 15;
        }

        @Override
        public CompletableFuture<Fetched> fetch(String id, long deadlineNanos) {
            throw new IllegalStateException("a hit never fetches");
        }
    }

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("sargs-bench-lookup");
        cache = AnswerCache.open(dir.resolve("cache.mv.db"), "b".repeat(64).toCharArray(), 1000, 1000, 10_000);
        timer = Executors.newSingleThreadScheduledExecutor();
        Map<String, LookupsConfig.RegisterTerms> terms = new HashMap<>();
        Map<RegisterPart, Freshness> freshness = new HashMap<>();
        List<RegisterPart> parts = List.of(new CachedOnly(new PartKey("viss", "legal-entity")),
                new CachedOnly(new PartKey("viss", "beneficial-owners")), new CachedOnly(new PartKey("vid", "taxpayer")));
        byte[] body = "{\"name\":\"SIA Bērziņš un partneri\",\"status\":\"REGISTERED\"}".getBytes(StandardCharsets.UTF_8);
        for (RegisterPart p : parts) {
            LookupsConfig.RegisterTerms t = new LookupsConfig.RegisterTerms(Duration.ofHours(24), Duration.ofMinutes(10),
                    Duration.ofHours(72), 15);
            terms.put(p.key().terms(), t);
            Freshness f = new Freshness(t.ttl(), t.notFoundTtl(), t.staleIfError());
            freshness.put(p, f);
            cache.put(p.key().cacheKey(ID), f.entry(body, p.source(), false, System.currentTimeMillis()));
        }
        sections = List.of(AnswerPart.of("registration", parts.get(0)), AnswerPart.of("beneficialOwners", parts.get(1)),
                AnswerPart.of("taxData", parts.get(2)), AnswerPart.notConnected("contacts", "not connected"));
        PartLookup lookup = new PartLookup(cache, timer, System::currentTimeMillis, System::nanoTime, new Metrics());
        resolvedOnce = new SubjectLookup(lookup, freshness::get, System::currentTimeMillis, 1000);
        Function<RegisterPart, Freshness> old = p -> {
            LookupsConfig.RegisterTerms t = terms.get(p.source() + '.' + p.dataClass());
            return new Freshness(t.ttl(), t.notFoundTtl(), t.staleIfError());
        };
        perRequest = new SubjectLookup(lookup, old, System::currentTimeMillis, 1000);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        timer.shutdownNow();
        cache.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private StandardAnswer ask(SubjectLookup lookup) {
        return lookup.lookup("company", "registrationNumber", ID, sections, "",
                new LookupRequest(-1, false, System.nanoTime() + 3_000_000_000L)).join();
    }

    @Benchmark
    public StandardAnswer freshnessResolvedOnce() {
        return ask(resolvedOnce);
    }

    @Benchmark
    public StandardAnswer freshnessLookedUpPerRequest() {
        return ask(perRequest);
    }
}
