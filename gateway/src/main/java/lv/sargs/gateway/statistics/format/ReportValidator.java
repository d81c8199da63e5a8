package lv.sargs.gateway.statistics.format;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import lv.sargs.gateway.statistics.report.ReportSubmission;

/**
 * Checks a report against Latvijas Banka's file rules (docs/protocols.md §4) while streaming it into an
 * {@link IndicatorSink}: every problem is recorded with its line number, and the sink only sees
 * indicators that passed.
 */
public final class ReportValidator {

    /** The rule-4 indicators every file names (LABOJUMS only on a resubmission). */
    public static final Set<String> IDENTIFYING =
            Set.of("ORG_KODS", "DATUMS", "LABOJUMS", "IESN_DAT", "PERSONA", "TALRUNIS", "EPASTS");

    private static final String[] MANDATORY = {"ORG_KODS", "DATUMS", "IESN_DAT", "PERSONA", "TALRUNIS", "EPASTS"};
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter YYYYMM = DateTimeFormatter.ofPattern("uuuuMM");

    private final String orgCode;
    private final LocalDate today;
    private final int maxLineChars;

    /**
     * @param orgCode the bank's own code, which {@code ORG_KODS} must equal
     * @param today the submission day, which {@code IESN_DAT} may not be after
     * @param maxLineChars the longest line accepted
     */
    public ReportValidator(String orgCode, LocalDate today, int maxLineChars) {
        this.orgCode = orgCode;
        this.today = today;
        this.maxLineChars = maxLineChars;
    }

    /**
     * Reads the whole body, recording problems in {@code problems} and passing clean indicators to
     * {@code sink}; the caller discards the sink's output when problems are found.
     */
    public void validate(ReportSubmission submission, Reader body, IndicatorSink sink, Problems problems)
            throws IOException {
        Checks checks = new Checks(submission, sink, problems);
        long lastLine;
        try {
            lastLine = switch (submission.form()) {
                case LINES -> new LineReportReader(body, maxLineChars, problems).read(checks);
                case JSON -> new JsonReportReader(body, maxLineChars, problems).read(checks);
            };
        } catch (CharacterCodingException e) {
            problems.stop(checks.lastLine + 1, "bytes that are not UTF-8 (expected: the report body in UTF-8)");
            return;
        }
        if (!problems.stopped()) {
            checks.finish(lastLine + 1);
        }
    }

    /** The per-indicator rules, with the state they need across lines. */
    private final class Checks implements IndicatorHandler {
        private final ReportSubmission submission;
        private final IndicatorSink sink;
        private final Problems problems;
        private final Map<String, Long> identifyingSeen = new HashMap<>();
        private long lastLine;

        Checks(ReportSubmission submission, IndicatorSink sink, Problems problems) {
            this.submission = submission;
            this.sink = sink;
            this.problems = problems;
        }

        @Override
        public void indicator(long line, String name, String value) throws IOException {
            lastLine = line;
            String shown = Problems.echo(name + "=" + value);
            if (!isName(name)) {
                problems.add(line, shown + " (expected: an indicator name of Latin letters, digits, '_' and '.',"
                        + " starting with a letter)");
                return;
            }
            int bad = Windows1257.firstDisallowed(value);
            if (bad >= 0) {
                problems.add(line, shown + " (expected: characters of windows-1257; " + Windows1257.describe(value, bad)
                        + " is not)");
                return;
            }
            if (IDENTIFYING.contains(name)) {
                Long first = identifyingSeen.putIfAbsent(name, line);
                if (first != null) {
                    problems.add(line, shown + " (expected: " + name + " once; it is already on line " + first + ")");
                    return;
                }
                String expected = identifyingProblem(name, value);
                if (expected != null) {
                    problems.add(line, shown + " (expected: " + expected + ")");
                } else if (problems.isEmpty()) {
                    sink.identifying(name, value);
                }
            } else {
                String expected = NumberShape.problem(value);
                if (expected != null) {
                    problems.add(line, shown + " (expected: " + expected + ")");
                } else if (problems.isEmpty()) {
                    sink.data(name, value);
                }
            }
        }

        void finish(long endLine) {
            for (String name : MANDATORY) {
                if (!identifyingSeen.containsKey(name)) {
                    problems.add(endLine, name + " missing (expected: every file names " + name + ")");
                }
            }
            if (submission.isCorrection() && !identifyingSeen.containsKey("LABOJUMS")) {
                problems.add(endLine, "LABOJUMS missing (expected: LABOJUMS="
                        + submission.correction().getAsInt() + " on a resubmission)");
            }
        }

        private String identifyingProblem(String name, String value) {
            return switch (name) {
                case "ORG_KODS" -> value.equals(orgCode) ? null : orgCode + ", the bank's code";
                case "DATUMS" -> datumsProblem(value);
                case "IESN_DAT" -> iesnDatProblem(value);
                case "LABOJUMS" -> submission.isCorrection()
                        ? value.equals(Integer.toString(submission.correction().getAsInt())) ? null
                                : submission.correction().getAsInt() + ", the correction number of this resubmission"
                        : "no LABOJUMS on a first submission; it is only for resubmissions";
                case "TALRUNIS" -> value.matches("\\+?[0-9 ()-]{5,20}") ? null : "a phone number, e.g. +371 67022300";
                case "EPASTS" -> value.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") ? null : "an e-mail address";
                default -> null;
            };
        }

        private String datumsProblem(String value) {
            LocalDate end = submission.periodEnd();
            String day = YYYYMMDD.format(end);
            String month = YYYYMM.format(end);
            return value.equals(day) || value.equals(month) ? null
                    : day + ", the period end as yyyymmdd, or " + month + " as yyyymm";
        }

        private String iesnDatProblem(String value) {
            try {
                LocalDate date = LocalDate.parse(value, YYYYMMDD);
                return date.isAfter(today) ? "a submission date not after today, " + YYYYMMDD.format(today) : null;
            } catch (DateTimeParseException e) {
                return "the submission date as yyyymmdd, e.g. " + YYYYMMDD.format(today);
            }
        }
    }

    private static boolean isName(String name) {
        if (name.isEmpty() || !isLatinLetter(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isLatinLetter(c) && !(c >= '0' && c <= '9') && c != '_' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLatinLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
