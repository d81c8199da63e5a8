package lv.sargs.gateway.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.Set;
import java.util.stream.Collectors;
import lv.sargs.gateway.http.HttpFuzzTargets;
import lv.sargs.gateway.lookup.fpr.FprFuzzTargets;
import lv.sargs.gateway.lookup.vid.VidFuzzTargets;
import lv.sargs.gateway.lookup.viss.VissFuzzTargets;
import lv.sargs.gateway.treasury.TreasuryFuzzTargets;
import lv.sargs.gateway.upstream.oauth.OAuthFuzzTargets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The short regression run of every fuzz target in the normal test run: each input kept in
 * {@code src/test/resources/fuzz/<target>/} (seeds and past findings), then a fixed number of
 * seeded mutations of them, so the run is the same every time and takes seconds. The long runs
 * (Jazzer, millions of executions) are in {@code bench/fuzz.sh}; what they find is kept here.
 */
class FuzzRegressionTest {

    /** Mutations per target: enough to walk the refusal paths, few enough for a fast test run. */
    private static final int MUTATIONS = 150;
    private static final byte[][] TOKENS = {"%".getBytes(), "%z".getBytes(), "\n".getBytes(), "\r\n ".getBytes(),
        "\"".getBytes(), "{".getBytes(), "}".getBytes(), "<".getBytes(), "</".getBytes(), "&#10;".getBytes(),
        "&a;".getBytes(), "]".getBytes(), ":".getBytes(), "\u0000".getBytes(), "\u00ff\u00fe".getBytes(),
        "1e999".getBytes(), "-".getBytes(), "*a".getBytes(), "&a [".getBytes()};

    /** One target: its corpus directory name and its entry point. */
    interface Target {
        void run(byte[] data) throws Exception;
    }

    static Stream<Arguments> targets() {
        return Stream.of(
                Arguments.of("Target", (Target) HttpFuzzTargets.Target::fuzzerTestOneInput),
                Arguments.of("StrictJsonBody", (Target) HttpFuzzTargets.StrictJsonBody::fuzzerTestOneInput),
                Arguments.of("Identifiers", (Target) FuzzTargets.Identifiers::fuzzerTestOneInput),
                Arguments.of("PaymentJson", (Target) TreasuryFuzzTargets.PaymentJson::fuzzerTestOneInput),
                Arguments.of("Pain001", (Target) FuzzTargets.Pain001::fuzzerTestOneInput),
                Arguments.of("Pain002", (Target) FuzzTargets.Pain002::fuzzerTestOneInput),
                Arguments.of("Camt052", (Target) FuzzTargets.Camt052::fuzzerTestOneInput),
                Arguments.of("Camt053", (Target) FuzzTargets.Camt053::fuzzerTestOneInput),
                Arguments.of("Camt054", (Target) FuzzTargets.Camt054::fuzzerTestOneInput),
                Arguments.of("StatisticsReport", (Target) FuzzTargets.StatisticsReport::fuzzerTestOneInput),
                Arguments.of("LbReply", (Target) FuzzTargets.LbReply::fuzzerTestOneInput),
                Arguments.of("Config", (Target) FuzzTargets.Config::fuzzerTestOneInput),
                Arguments.of("VissAnswer", (Target) VissFuzzTargets.VissAnswer::fuzzerTestOneInput),
                Arguments.of("FprAnswer", (Target) FprFuzzTargets.FprAnswer::fuzzerTestOneInput),
                Arguments.of("VidAnswer", (Target) VidFuzzTargets.VidAnswer::fuzzerTestOneInput),
                Arguments.of("TokenAnswer", (Target) OAuthFuzzTargets.TokenAnswer::fuzzerTestOneInput));
    }

    /** A corpus kept for a target this test does not replay would be dead weight: each has its target. */
    @Test
    void everyKeptCorpusIsReplayed() throws Exception {
        Set<String> replayed = targets().map(a -> (String) a.get()[0]).collect(Collectors.toSet());
        Set<String> kept;
        try (Stream<Path> dirs = Files.list(Path.of(FuzzRegressionTest.class.getResource("/fuzz").toURI()))) {
            kept = dirs.map(d -> d.getFileName().toString()).collect(Collectors.toSet());
        }
        assertEquals(kept, replayed, "each src/test/resources/fuzz/<Target>/ and each target, both ways");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void keptCorpusAndSeededMutationsFindNothing(String name, Target target) throws Exception {
        List<byte[]> corpus = corpus(name);
        assertFalse(corpus.isEmpty(), "no corpus for " + name);
        List<String> findings = new ArrayList<>();
        for (byte[] input : corpus) {
            run(target, input, findings);
        }
        Random random = new Random(name.hashCode());
        for (int i = 0; i < MUTATIONS && findings.size() < 5; i++) {
            run(target, mutate(corpus.get(random.nextInt(corpus.size())), random), findings);
        }
        assertFalse(!findings.isEmpty(), name + ": keep each input (base64) in src/test/resources/fuzz/" + name
                + "/ and fix the parser:\n" + String.join("\n", findings));
    }

    private static void run(Target target, byte[] input, List<String> findings) {
        try {
            target.run(input);
        } catch (Exception | AssertionError | StackOverflowError | OutOfMemoryError e) {
            findings.add(e + " <- " + Base64.getEncoder().encodeToString(input.length > 4096
                    ? java.util.Arrays.copyOf(input, 4096) : input));
        }
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] out = seed.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = out.length == 0 ? 0 : random.nextInt(out.length + 1);
            switch (random.nextInt(4)) {
                case 0 -> {
                    if (at < out.length) {
                        out[at] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> out = splice(out, at, TOKENS[random.nextInt(TOKENS.length)]);
                case 2 -> {
                    if (out.length > 0) {
                        int n = Math.min(out.length - Math.min(at, out.length), 1 + random.nextInt(8));
                        byte[] cut = new byte[out.length - n];
                        int from = Math.min(at, out.length - n);
                        System.arraycopy(out, 0, cut, 0, from);
                        System.arraycopy(out, from + n, cut, from, out.length - from - n);
                        out = cut;
                    }
                }
                default -> {
                    if (out.length > 0) {
                        int from = random.nextInt(out.length);
                        int n = Math.min(out.length - from, 1 + random.nextInt(16));
                        out = splice(out, at, java.util.Arrays.copyOfRange(out, from, from + n));
                    }
                }
            }
        }
        return out;
    }

    private static byte[] splice(byte[] into, int at, byte[] piece) {
        byte[] out = new byte[into.length + piece.length];
        System.arraycopy(into, 0, out, 0, at);
        System.arraycopy(piece, 0, out, at, piece.length);
        System.arraycopy(into, at, out, at + piece.length, into.length - at);
        return out;
    }

    private static List<byte[]> corpus(String name) throws IOException, URISyntaxException {
        Path dir = Path.of(FuzzRegressionTest.class.getResource("/fuzz/" + name).toURI());
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                out.add(Files.readAllBytes(p));
            }
        }
        return out;
    }
}
