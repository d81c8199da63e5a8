package lv.sargs.gateway.statistics;

import lv.sargs.gateway.statistics.report.ReportSubmission;
import lv.sargs.gateway.statistics.report.ProducedFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import lv.sargs.gateway.statistics.format.Problem;
import lv.sargs.hsm.KeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportValidationTest {

    @TempDir
    Path dir;

    private final StatisticsFixture fixture = new StatisticsFixture(KeySpec.EC_P384);

    @AfterEach
    void closeToken() {
        fixture.close();
    }

    private List<Problem> rejected(ReportSubmission submission, String body) throws IOException {
        ReportProducer producer = new ReportProducer(fixture.settings(dir, 1_000_000), fixture.protector());
        Path out = dir.resolve("out");
        ReportRejectedException e = assertThrows(ReportRejectedException.class, () -> producer.produce(submission,
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), StatisticsFixture.TODAY, 1, dir, out));
        assertTrue(!Files.exists(out), "nothing is produced for a refused report");
        try (var left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".spool")), "the spool is removed");
        }
        return e.problems();
    }

    @Test
    void reportsThreeFaultsWithTheirLineNumbers() throws IOException {
        String body = StatisticsFixture.identifying().replace("DATUMS=20261031", "DATUMS=2026-13-01")
                + "R1_C1=12.50\n"
                + "R1_C2=12,50\n"
                + "R1_C3=-4\n"
                + "R1_C4=Жёлтый\n";
        List<Problem> problems = rejected(StatisticsFixture.lines(), body);
        assertEquals(List.of(
                "line 2: DATUMS=2026-13-01 (expected: 20261031, the period end as yyyymmdd, or 202610 as yyyymm)",
                "line 8: R1_C2=12,50 (expected: '.' as the decimal separator, no ',')",
                "line 10: R1_C4=Жёлтый (expected: characters of windows-1257; 'Ж' U+0416 is not)"),
                problems.stream().map(Problem::toString).toList());
    }

    @Test
    void namesMissingIndicatorsAndMisplacedCorrection() throws IOException {
        String body = "ORG_KODS=ABC\nDATUMS=20261031\nLABOJUMS=1\nR1=5\n";
        List<String> problems = rejected(StatisticsFixture.lines(), body).stream().map(Problem::toString).toList();
        assertEquals(List.of(
                "line 3: LABOJUMS=1 (expected: no LABOJUMS on a first submission; it is only for resubmissions)",
                "line 5: IESN_DAT missing (expected: every file names IESN_DAT)",
                "line 5: PERSONA missing (expected: every file names PERSONA)",
                "line 5: TALRUNIS missing (expected: every file names TALRUNIS)",
                "line 5: EPASTS missing (expected: every file names EPASTS)"), problems);
    }

    @Test
    void requiresTheCorrectionNumberOnAResubmission() throws IOException {
        ReportSubmission correction = new ReportSubmission("K01", StatisticsFixture.PERIOD_END, OptionalInt.of(2),
                ReportSubmission.Form.LINES);
        List<String> problems = rejected(correction, StatisticsFixture.identifying() + "LABOJUMS=1\n")
                .stream().map(Problem::toString).toList();
        assertEquals(List.of("line 7: LABOJUMS=1 (expected: 2, the correction number of this resubmission)"), problems);
    }

    @Test
    void refusesLineShapesTheFormatForbids() throws IOException {
        String body = StatisticsFixture.identifying()
                + "R1=1 R2=2\n"
                + "R3=\n"
                + "\n"
                + "no indicator here\n"
                + "ORG_KODS=ABC\n"
                + "R4=(12.5)\n"
                + "R5=12.5-\n"
                + "1R=3\n";
        List<String> problems = rejected(StatisticsFixture.lines(), body).stream().map(Problem::toString).toList();
        assertEquals(List.of(
                "line 7: R1=1 R2=2 (expected: one indicator per line, NAME=value)",
                "line 8: R3= (expected: a value; list only the indicators that have one)",
                "line 9: blank line (expected: one NAME=value indicator per line)",
                "line 10: no indicator here (expected: NAME=value)",
                "line 11: ORG_KODS=ABC (expected: ORG_KODS once; it is already on line 1)",
                "line 12: R4=(12.5) (expected: '-' before a negative value, not parentheses)",
                "line 13: R5=12.5- (expected: '-' before a negative value, not after it)",
                "line 14: 1R=3 (expected: an indicator name of Latin letters, digits, '_' and '.', starting with a letter)"),
                problems);
    }

    @Test
    void reportsJsonProblemsAtTheirJsonLines() throws IOException {
        ReportSubmission json = new ReportSubmission("K01", StatisticsFixture.PERIOD_END, OptionalInt.empty(),
                ReportSubmission.Form.JSON);
        String body = "{\n \"ORG_KODS\": \"ABC\",\n \"DATUMS\": \"20261031\",\n \"IESN_DAT\": \"20261120\",\n"
                + " \"PERSONA\": \"Jānis\",\n \"TALRUNIS\": \"67022300\",\n \"EPASTS\": \"a@b.lv\",\n"
                + " \"R1\": 1.5e3,\n \"R2\": null,\n \"R3\": \"1,5\"\n}\n";
        List<String> problems = rejected(json, body).stream().map(Problem::toString).toList();
        assertEquals(List.of(
                "line 8: R1=1.5e3 (expected: a plain decimal, no exponent)",
                "line 9: R2=null (expected: a value; list only the indicators that have one)",
                "line 10: R3=1,5 (expected: '.' as the decimal separator, no ',')"), problems);
    }

    @Test
    void keepsTextValuesWithCommasAndNegativeNumbers() throws IOException {
        ReportProducer producer = new ReportProducer(fixture.settings(dir, 1_000_000), fixture.protector());
        String body = StatisticsFixture.identifying().replace("Jānis Bērziņš", "Bērziņš, Jānis")
                + "R1=-12.75\nR2=Rīga, Brīvības iela 1\nR3=0\n";
        List<ProducedFile> files = producer.produce(StatisticsFixture.lines(),
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), StatisticsFixture.TODAY, 1, dir,
                dir.resolve("out"));
        assertEquals(1, files.size());
        assertEquals("K01_ABC_20261031.p7m", files.get(0).name());
    }

    @Test
    void namesACharacterOutsideWindows1257ByItsCodePointEvenBeyondTheBasicPlane() throws IOException {
        List<String> problems = rejected(StatisticsFixture.lines(), StatisticsFixture.identifying() + "R1=ok 😀\n")
                .stream().map(Problem::toString).toList();
        assertEquals(List.of("line 7: R1=ok 😀 (expected: characters of windows-1257; '😀' U+1F600 is not)"), problems);
    }

    @Test
    void refusesABodyThatIsNotUtf8AndALineThatIsTooLong() throws IOException {
        ReportProducer producer = new ReportProducer(fixture.settings(dir, 1_000_000), fixture.protector());
        byte[] latin1 = (StatisticsFixture.identifying() + "R1=Bērziņš\n").getBytes(java.nio.charset.Charset.forName("windows-1257"));
        ReportRejectedException e = assertThrows(ReportRejectedException.class, () -> producer.produce(
                StatisticsFixture.lines(), new ByteArrayInputStream(latin1), StatisticsFixture.TODAY, 1, dir, dir.resolve("out")));
        assertTrue(e.problems().get(0).text().startsWith("bytes that are not UTF-8"), e.getMessage());

        String longLine = "R1=" + "9".repeat(5000) + "\n";
        List<String> problems = rejected(StatisticsFixture.lines(), StatisticsFixture.identifying() + longLine)
                .stream().map(Problem::toString).toList();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("line 7: R1=999"), problems.get(0));
        assertTrue(problems.get(0).endsWith("(expected: a line of at most 4096 characters, one indicator per line)"),
                problems.get(0));
    }

    @Test
    void countsEveryProblemButListsTheFirstThousand() {
        StringBuilder body = new StringBuilder(StatisticsFixture.identifying());
        for (int i = 0; i < 1500; i++) {
            body.append("R").append(i).append("=1,5\n");
        }
        ReportProducer producer = new ReportProducer(fixture.settings(dir, 1_000_000), fixture.protector());
        ReportRejectedException e = assertThrows(ReportRejectedException.class, () -> producer.produce(
                StatisticsFixture.lines(), new ByteArrayInputStream(body.toString().getBytes(StandardCharsets.UTF_8)),
                StatisticsFixture.TODAY, 1, dir, dir.resolve("out")));
        assertEquals(1500, e.total());
        assertEquals(1000, e.problems().size());
        assertEquals(1006, e.problems().get(999).line());
        assertTrue(e.getMessage().endsWith("; … 1495 more"), e.getMessage());
    }

    @Test
    void refusesAJsonValueLongerThanALineMayBe() throws IOException {
        ReportSubmission json = new ReportSubmission("K01", StatisticsFixture.PERIOD_END, OptionalInt.empty(),
                ReportSubmission.Form.JSON);
        List<Problem> problems = rejected(json, "{\n \"ORG_KODS\": \"ABC\",\n \"R1\": \"" + "x".repeat(5000) + "\"\n}");
        assertEquals(1, problems.size(), "no 'missing' for what could not be read: " + problems);
        assertEquals(3, problems.get(0).line(), problems.toString());
        assertTrue(problems.get(0).text().startsWith("unreadable JSON (expected: one object of names to values of at"
                + " most 4096 characters)"), problems.toString());
    }
}
