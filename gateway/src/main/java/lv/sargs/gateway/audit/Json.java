package lv.sargs.gateway.audit;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** JSON string quoting for audit lines, by Jackson's encoder (no hand-written escaping). */
final class Json {

    private Json() {
    }

    static void string(StringBuilder out, String value) {
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(value, out);
        out.append('"');
    }
}
