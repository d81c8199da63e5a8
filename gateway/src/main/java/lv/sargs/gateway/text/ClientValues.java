package lv.sargs.gateway.text;

/**
 * The one way a value that came from a client or an upstream (a path, a header, an XML or JSON
 * value, a file name) is shown: in a log line, control characters, quotes and backslashes are
 * escaped and the length is bounded, so a newline cannot forge a line and a 10 MB value cannot
 * flood the log; in an answer, the value is quoted and shortened, so nothing is echoed whole.
 */
public final class ClientValues {

    /** The most characters of a value a log line carries; the rest is summarised by its length. */
    public static final int MAX_LOGGED = 120;
    /** The most characters of a value a problem detail carries. */
    public static final int MAX_ANSWERED = 64;

    private ClientValues() {
    }

    /**
     * {@code "value"} with {@code \n}, {@code \r}, {@code \t}, {@code "} and {@code \} escaped, every other
     * control or non-printing character as {@code \}{@code uXXXX}, cut after {@link #MAX_LOGGED} characters
     * with the full length noted; {@code -} for null.
     */
    public static String forLog(CharSequence value) {
        return quoted(value, MAX_LOGGED);
    }

    /** As {@link #forLog}, for a problem detail: cut after {@link #MAX_ANSWERED} characters. */
    public static String forAnswer(CharSequence value) {
        return quoted(value, MAX_ANSWERED);
    }

    /**
     * As {@link #forAnswer(CharSequence)} for a value of which only the start was kept: {@code start}
     * holds its first characters, {@code length} is how many it had in all.
     */
    public static String forAnswer(CharSequence start, long length) {
        return quoted(start, MAX_ANSWERED, length);
    }

    /**
     * A message that may carry client or upstream text (a parser's or a peer's words), made safe for a
     * log line or a detail: control characters escaped as in {@link #forLog}, cut after
     * {@code 2 * MAX_LOGGED} characters; not quoted.
     */
    public static String forText(CharSequence message) {
        if (message == null) {
            return "-";
        }
        return escaped(message, 2 * MAX_LOGGED, message.length(), false);
    }

    private static String quoted(CharSequence value, int max) {
        return value == null ? "-" : escaped(value, max, value.length(), true);
    }

    private static String quoted(CharSequence value, int max, long length) {
        return value == null ? "-" : escaped(value, max, length, true);
    }

    private static String escaped(CharSequence value, int max, long length, boolean quote) {
        long n = length;
        int shown = (int) Math.min(Math.min(n, max), value.length());
        StringBuilder out = new StringBuilder(shown + 24);
        if (quote) {
            out.append('"');
        }
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append(quote ? "\\\"" : "\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029'
                            || Character.isSurrogate(c) && !validPair(value, i, shown)) {
                        out.append("\\u").append(Character.forDigit(c >> 12 & 0xf, 16))
                                .append(Character.forDigit(c >> 8 & 0xf, 16)).append(Character.forDigit(c >> 4 & 0xf, 16))
                                .append(Character.forDigit(c & 0xf, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (quote) {
            out.append('"');
        }
        if (n > shown) {
            out.append("… (").append(n).append(" characters)");
        }
        return out.toString();
    }

    /** Whether the surrogate at {@code i} is half of a pair wholly inside {@code [0, end)}. */
    private static boolean validPair(CharSequence value, int i, int end) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < end && Character.isLowSurrogate(value.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
    }
}
