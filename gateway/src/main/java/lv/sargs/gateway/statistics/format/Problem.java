package lv.sargs.gateway.statistics.format;

/**
 * One fault in a submitted report, at a line of the submitted body.
 *
 * @param line the 1-based line number in the submitted body
 * @param text what is wrong: the offending text and, in parentheses, what was expected
 */
public record Problem(long line, String text) {

    @Override
    public String toString() {
        return "line " + line + ": " + text;
    }
}
