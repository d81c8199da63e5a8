package lv.sargs.gateway.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every problem code of every domain, found by scanning the gateway's classes for enums implementing
 * {@link ProblemCode}, is unique, URL-safe and documented with its status in docs/problem-types.md
 * and docs/openapi.yaml: a new code cannot ship undocumented.
 */
class ProblemCodesTest {

    private static final Path DOCS = Path.of("..", "docs");
    private static List<ProblemCode> codes;

    @BeforeAll
    static void scan() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(ProblemCode.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        codes = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (Path file : files) {
            String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
            Class<?> type = Class.forName(name.substring(0, name.length() - ".class".length()), false,
                    ProblemCodesTest.class.getClassLoader());
            if (type.isEnum() && ProblemCode.class.isAssignableFrom(type)) {
                for (Object constant : type.getEnumConstants()) {
                    codes.add((ProblemCode) constant);
                }
            }
        }
    }

    @Test
    void findsTheDomainsCodes() {
        List<String> enums = codes.stream().map(c -> ((Enum<?>) c).getDeclaringClass().getName()).distinct().toList();
        for (String expected : List.of("lv.sargs.gateway.http.ProblemType", "lv.sargs.gateway.lookup.LookupProblem",
                "lv.sargs.gateway.treasury.TreasuryException$Code", "lv.sargs.gateway.statistics.report.ReportProblem",
                "lv.sargs.gateway.statistics.report.StatisticsException$Code")) {
            assertTrue(enums.contains(expected), expected + " in " + enums);
        }
    }

    @Test
    void declaredCodesAreUniqueAndUrlSafe() {
        Map<String, ProblemCode> byCode = new HashMap<>();
        for (ProblemCode c : codes) {
            assertTrue(c.code().matches("[a-z][a-z0-9-]*"), c.code());
            assertEquals(ProblemCode.BASE_URI + c.code(), c.uri());
            ProblemCode problem = c.problem();
            assertEquals(problem, problem.problem(), c + " stands for " + problem + ", itself a reason");
            assertEquals(problem.code(), c.code(), String.valueOf(c));
            assertEquals(problem.httpStatus(), c.httpStatus(), String.valueOf(c));
            assertEquals(problem.title(), c.title(), String.valueOf(c));
            if (problem == c) {
                ProblemCode earlier = byCode.put(c.code(), c);
                assertEquals(null, earlier, c.code() + " is declared twice");
            }
        }
        assertFalse(byCode.isEmpty());
    }

    @Test
    void everyCodeIsInProblemTypesWithItsStatus() throws IOException {
        String page = Files.readString(DOCS.resolve("problem-types.md"));
        for (ProblemCode c : codes) {
            assertTrue(Pattern.compile("^\\| `" + Pattern.quote(c.code()) + "` \\| " + c.httpStatus() + " \\|",
                    Pattern.MULTILINE).matcher(page).find(),
                    "docs/problem-types.md has no row `" + c.code() + "` | " + c.httpStatus() + " (" + c + ")");
        }
    }

    @Test
    void everyCodeIsInOpenApiWithItsStatus() throws IOException {
        String api = Files.readString(DOCS.resolve("openapi.yaml"));
        for (ProblemCode c : codes) {
            String row = "{type: \"" + c.uri() + "\", status: " + c.httpStatus() + "}";
            assertTrue(api.contains(row), "docs/openapi.yaml x-problem-types lacks " + row + " (" + c + ")");
        }
    }
}
