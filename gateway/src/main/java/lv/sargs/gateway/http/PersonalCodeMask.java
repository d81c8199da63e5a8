package lv.sargs.gateway.http;

/**
 * Masks Latvian personal codes in text bound for logs: an 11-digit code, with or without the
 * hyphen after the 6th digit, keeps its first 7 digits and loses the rest ({@code 161175-19997}
 * becomes {@code 161175-1****}). Only codes can start with 0-3 (old format: a day; new format:
 * {@code 32}-{@code 39}); registration numbers start with 4, 5 or 9 and are left readable.
 */
public final class PersonalCodeMask {

    private static final int KEPT_DIGITS = 7;

    private PersonalCodeMask() {
    }

    /** {@code text} with every personal code masked. */
    public static String mask(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        appendMasked(out, text);
        return out.toString();
    }

    /** Appends {@code text} to {@code out} with every personal code masked. */
    public static void appendMasked(StringBuilder out, CharSequence text) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            int codeLength = codeAt(text, i);
            if (codeLength > 0) {
                int kept = codeLength == 12 ? KEPT_DIGITS + 1 : KEPT_DIGITS;
                out.append(text, i, i + kept);
                for (int k = kept; k < codeLength; k++) {
                    out.append('*');
                }
                i += codeLength;
            } else {
                out.append(text.charAt(i));
                i++;
            }
        }
    }

    /** The length (11, or 12 with the hyphen) of a personal code starting at {@code i}, or 0. */
    private static int codeAt(CharSequence s, int i) {
        if (i > 0 && isDigit(s.charAt(i - 1))) {
            return 0;
        }
        char first = s.charAt(i);
        if (first < '0' || first > '3') {
            return 0;
        }
        int n = s.length();
        int digits = 0;
        int j = i;
        boolean hyphen = false;
        while (j < n) {
            char c = s.charAt(j);
            if (isDigit(c)) {
                digits++;
            } else if (c == '-' && digits == 6 && !hyphen && j + 1 < n && isDigit(s.charAt(j + 1))) {
                hyphen = true;
            } else {
                break;
            }
            j++;
            if (digits == 11) {
                break;
            }
        }
        if (digits != 11 || (j < n && isDigit(s.charAt(j)))) {
            return 0;
        }
        return j - i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
