package lv.sargs.bench.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lv.sargs.gateway.audit.AuditEvent;
import lv.sargs.gateway.audit.AuditRecord;
import lv.sargs.gateway.audit.AuditSettings;
import lv.sargs.gateway.audit.AuditTrail;
import lv.sargs.gateway.audit.Pseudonyms;
import lv.sargs.gateway.cache.AnswerCache;
import lv.sargs.gateway.cache.CachedAnswer;
import lv.sargs.gateway.cache.Freshness;
import lv.sargs.gateway.status.StatusModel;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the audit trail costs a cached lookup, in one run: {@code cachedLookup} with {@code audit=none}
 * (a hot cache read, the answer kept) against {@code audit=trail} (the same plus the lookup's record:
 * the subject's keyed pseudonym, the record, the queue offer; the writer thread chains, writes and
 * syncs in batches on a real file). {@code sustainedRecords} is how many audited lookups per second
 * four callers get recorded ({@code accepted}) and how many the full queue pushed back ({@code refused}).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AuditCostBenchmark {

    private static final Freshness DAY = new Freshness(Duration.ofHours(24), Duration.ofMinutes(5), Duration.ofHours(1));

    @Param({"none", "trail"})
    String audit;

    private Path dir;
    private AnswerCache cache;
    private AuditTrail trail;
    private String[] keys;
    private String[] codes;
    private int next;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("sargs-bench-audit");
        byte[] body = ("{\"forename\":\"Jānis\",\"surname\":\"Bērziņš\",\"status\":\"ACTIVE\",\"address\":"
                + "\"Rīga, Brīvības iela 1\"}").getBytes(StandardCharsets.UTF_8);
        CachedAnswer answer = DAY.entry(body, "fpr", false, System.currentTimeMillis());
        cache = AnswerCache.open(dir.resolve("cache.mv.db"), "b".repeat(64).toCharArray(), 20_000, 20_000, 100_000);
        keys = new String[1024];
        codes = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            codes[i] = String.format("1308%02d-2%04d", i % 100, i);
            keys[i] = "fpr:person:" + codes[i].replace("-", "");
            cache.put(keys[i], answer);
        }
        cache.flush();
        if (audit.equals("trail")) {
            trail = AuditTrail.open(new AuditSettings(dir.resolve("audit"), 10_000, 1000, Duration.ofMinutes(1),
                            64L * 1024 * 1024, Duration.ofSeconds(2)), Optional.empty(),
                    new Pseudonyms("a".repeat(64).toCharArray()), null, Clock.systemUTC(),
                    new StatusModel(Clock.systemUTC()).register(AuditTrail.COMPONENT, true,
                            lv.sargs.gateway.status.State.FAILED, ""));
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        if (trail != null) {
            if (trail.refused() > 0) {
                System.out.println("audit records refused (queue full): " + trail.refused());
            }
            trail.close();
        }
        cache.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void cachedLookup(Blackhole sink) {
        int i = next++ & (keys.length - 1);
        sink.consume(cache.get(keys[i]));
        if (trail != null) {
            sink.consume(trail.record(AuditRecord.of(AuditEvent.LOOKUP).withRequest("req-" + i, "core-banking")
                    .withPurpose("kyc").withOutcome("200").withSubject(trail.subject("person", codes[i]))
                    .with("route", "GET /v1/persons/{personalCode}")));
        }
    }

    /**
     * What one caller of {@code sustainedRecords} got, per second: records the trail took and
     * records it refused because its queue was full (back-pressure: each one a 503 in the gateway).
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Taken {
        public long accepted;
        public long refused;

        @Setup(Level.Iteration)
        public void reset() {
            accepted = 0;
            refused = 0;
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(4)
    public void sustainedRecords(Blackhole sink, Taken taken) {
        if (trail != null) {
            // Sustained audited lookups per second = the accepted rate while refused stays 0, or, with the
            // queue full, the rate the writer drains it at (accepted), the refusals being the overflow.
            if (trail.record(AuditRecord.of(AuditEvent.LOOKUP).withRequest("req", "core-banking")
                    .withPurpose("kyc").withOutcome("200").withSubject(trail.subject("person", "130800-21699")))) {
                taken.accepted++;
            } else {
                taken.refused++;
            }
        }
    }
}
