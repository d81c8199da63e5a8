package lv.sargs.gateway.statistics.format;

/**
 * Spots numbers written against rule 6 — a {@code ,} decimal separator, or a negative shown other
 * than with a leading {@code -} — without mistaking text values for numbers.
 */
final class NumberShape {

    private NumberShape() {
    }

    /** What was expected, or null when the value is a well-formed number or not a number at all. */
    static String problem(String v) {
        int n = v.length();
        char first = v.charAt(0);
        if (first == '\u2212' || first == '\u2013') {
            return digitsAndSeparators(v, 1, n) ? "'-' (U+002D) before a negative value" : null;
        }
        if (first == '(' && n > 2 && v.charAt(n - 1) == ')' && digitsAndSeparators(v, 1, n - 1)) {
            return "'-' before a negative value, not parentheses";
        }
        if (n > 1 && v.charAt(n - 1) == '-' && digitsAndSeparators(v, 0, n - 1)) {
            return "'-' before a negative value, not after it";
        }
        int start = first == '-' || first == '+' ? 1 : 0;
        if (digitsAndSeparators(v, start, n) && v.indexOf(',') >= 0) {
            return "'.' as the decimal separator, no ','";
        }
        return null;
    }

    /** Whether v[from, to) is non-empty, starts with a digit and holds only digits, '.' and ','. */
    private static boolean digitsAndSeparators(String v, int from, int to) {
        if (from >= to || !Character.isDigit(v.charAt(from))) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != ',') {
                return false;
            }
        }
        return true;
    }
}
