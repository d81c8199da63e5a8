package lv.sargs.bench.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lv.sargs.gateway.cache.AnswerCache;
import lv.sargs.gateway.cache.CachedAnswer;
import lv.sargs.gateway.cache.Freshness;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The encrypted answer cache on its own: a hot read (decoded entry on the heap), a cold read
 * (decrypted from the store's pages and decoded) and a write (queued to the writer).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AnswerCacheBenchmark {

    private static final Freshness DAY = new Freshness(Duration.ofHours(24), Duration.ofMinutes(5), Duration.ofHours(1));

    @Param({"10000"})
    int entries;

    private Path dir;
    private AnswerCache hot;
    private AnswerCache cold;
    private CachedAnswer answer;
    private String[] keys;
    private int next;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("sargs-bench-cache");
        char[] key = "b".repeat(64).toCharArray();
        byte[] body = ("{\"legalName\":\"SIA Bērziņš un partneri\",\"status\":\"REGISTERED\",\"address\":"
                + "\"Rīga, Brīvības iela 1\",\"officers\":[" + "{\"forename\":\"Jānis\",\"surname\":\"Kalniņš\"},".repeat(5)
                + "{}]}").getBytes(StandardCharsets.UTF_8);
        answer = DAY.entry(body, "viss", false, System.currentTimeMillis());
        keys = new String[entries];
        hot = AnswerCache.open(dir.resolve("hot.mv.db"), key, entries * 2, entries * 2, 100_000);
        cold = AnswerCache.open(dir.resolve("cold.mv.db"), key, entries * 2, 1, 100_000);
        for (int i = 0; i < entries; i++) {
            keys[i] = "viss:legal-entity:4000" + String.format("%07d", i);
            hot.put(keys[i], answer);
            cold.put(keys[i], answer);
        }
        hot.flush();
        cold.flush();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        hot.close();
        cold.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private String nextKey() {
        int i = next++;
        if (next == keys.length) {
            next = 0;
        }
        return keys[i];
    }

    @Benchmark
    public CachedAnswer hotGet() {
        return hot.get(nextKey()).orElseThrow();
    }

    /** Every read misses the one-entry heap layer, so it decodes from the store's page cache. */
    @Benchmark
    public CachedAnswer storeGet() {
        return cold.get(nextKey()).orElseThrow();
    }

    @Benchmark
    public void put() {
        hot.put(nextKey(), answer);
    }
}
