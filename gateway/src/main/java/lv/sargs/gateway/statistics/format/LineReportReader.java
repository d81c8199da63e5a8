package lv.sargs.gateway.statistics.format;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads a report in the format's own {@code NAME=value} lines, streaming, one line of at most
 * {@code maxLineChars} held at a time; structural faults go to {@link Problems}, indicators to the
 * handler.
 */
final class LineReportReader {

    private final Reader in;
    private final int maxLineChars;
    private final Problems problems;
    private final char[] buffer = new char[64 * 1024];
    private final StringBuilder line = new StringBuilder();

    LineReportReader(Reader in, int maxLineChars, Problems problems) {
        this.in = in;
        this.maxLineChars = maxLineChars;
        this.problems = problems;
    }

    /** Reads to the end; returns the number of lines read. */
    long read(IndicatorHandler handler) throws IOException {
        long lineNo = 0;
        boolean tooLong = false;
        boolean first = true;
        int n;
        while ((n = in.read(buffer)) > 0) {
            int start = 0;
            if (first && buffer[0] == '\uFEFF') {
                start = 1;
            }
            first = false;
            for (int i = start; i < n; i++) {
                char c = buffer[i];
                if (c == '\n') {
                    lineNo++;
                    finish(lineNo, tooLong, handler);
                    tooLong = false;
                } else if (line.length() < maxLineChars) {
                    line.append(c);
                } else {
                    tooLong = true;
                }
            }
        }
        if (line.length() > 0 || tooLong) {
            lineNo++;
            finish(lineNo, tooLong, handler);
        }
        return lineNo;
    }

    private void finish(long lineNo, boolean tooLong, IndicatorHandler handler) throws IOException {
        int length = line.length();
        if (length > 0 && line.charAt(length - 1) == '\r') {
            line.setLength(length - 1);
        }
        String text = line.toString();
        line.setLength(0);
        if (tooLong) {
            problems.add(lineNo, Problems.echo(text) + " (expected: a line of at most " + maxLineChars
                    + " characters, one indicator per line)");
        } else if (text.isBlank()) {
            problems.add(lineNo, "blank line (expected: one NAME=value indicator per line)");
        } else {
            int eq = text.indexOf('=');
            if (eq < 0) {
                problems.add(lineNo, Problems.echo(text) + " (expected: NAME=value)");
            } else if (text.indexOf('=', eq + 1) >= 0) {
                problems.add(lineNo, Problems.echo(text) + " (expected: one indicator per line, NAME=value)");
            } else if (eq == text.length() - 1) {
                problems.add(lineNo, Problems.echo(text)
                        + " (expected: a value; list only the indicators that have one)");
            } else {
                handler.indicator(lineNo, text.substring(0, eq), text.substring(eq + 1));
            }
        }
    }
}
