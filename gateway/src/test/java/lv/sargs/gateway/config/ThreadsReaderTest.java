package lv.sargs.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional {@code threads} section: defaults for what is left out, every bad value named. */
class ThreadsReaderTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = ConfigLoader.with(Clock.systemUTC(), Map.of());
    private ConfigFixture f;

    @BeforeEach
    void fixture() {
        f = new ConfigFixture(dir);
    }

    @Test
    void takesTheReferenceDefaultsWhenTheSectionIsLeftOut() throws Exception {
        ThreadsConfig threads = loader.parse(f.yaml(), "sargs.yaml").threads();

        assertEquals(ThreadsConfig.defaults(), threads);
        assertEquals(new ThreadsConfig.Pool(4, 1024), threads.tlsHandshakes());
        assertEquals(Math.max(2, Runtime.getRuntime().availableProcessors()), threads.eventLoops());
    }

    @Test
    void readsWhatIsGivenAndDefaultsTheRest() throws Exception {
        String yaml = f.yaml() + """
                threads:
                  eventLoops: 3
                  lookups: {threads: 8}
                  ekase: {threads: 1, queue: 16}
                """;

        ThreadsConfig threads = loader.parse(yaml, "sargs.yaml").threads();

        assertEquals(new ThreadsConfig(3, new ThreadsConfig.Pool(4, 1024), new ThreadsConfig.Pool(8, 1024),
                new ThreadsConfig.Pool(1, 16)), threads);
    }

    @Test
    void namesEveryBadValueAndUnknownKey() {
        String yaml = f.yaml() + """
                threads:
                  eventLoops: 0
                  tlsHandshakes: {threads: 4, queue: many}
                  lookups: {thread: 2}
                  workers: 4
                """;

        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(yaml, "sargs.yaml"));

        List<String> problems = e.problems().stream().map(ConfigProblem::toString).toList();
        assertEquals(4, problems.size(), problems.toString());
        assertEquals(true, problems.get(0).startsWith("threads.eventLoops: 0 (expected: "), problems.toString());
        assertEquals(true, problems.get(1).startsWith("threads.tlsHandshakes.queue: many (expected: "),
                problems.toString());
        assertEquals(true, problems.get(2).startsWith("threads.lookups.thread: "), problems.toString());
        assertEquals(true, problems.get(3).startsWith("threads.workers: "), problems.toString());
    }
}
