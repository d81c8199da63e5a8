package lv.sargs.gateway.statistics.format;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;

/** Which characters the windows-1257 set holds (docs/protocols.md §4 rule 1), as a lookup table. */
final class Windows1257 {

    private static final boolean[] ENCODABLE = new boolean[Character.MAX_VALUE + 1];

    static {
        CharsetEncoder encoder = Charset.forName("windows-1257").newEncoder();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            ENCODABLE[c] = !Character.isSurrogate((char) c) && encoder.canEncode((char) c);
        }
    }

    private Windows1257() {
    }

    /**
     * The index of the first character of {@code s} outside windows-1257 or a control character,
     * or -1 when every character is allowed.
     */
    static int firstDisallowed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || !ENCODABLE[c]) {
                return i;
            }
        }
        return -1;
    }

    /** Describes the character at {@code index}: itself and its code point, e.g. {@code 'Ж' U+0416}. */
    static String describe(String s, int index) {
        int cp = s.codePointAt(index);
        String shown = Character.isISOControl(cp) ? "" : "'" + new String(Character.toChars(cp)) + "' ";
        return shown + String.format("U+%04X", cp);
    }
}
